namespace KazNer.Core.Model;

/// <summary>The model's IOB2 labels by id, with each label's prefix and entity type split out once.</summary>
public sealed class LabelSet
{
    private LabelSet(string[] names, char[] prefixes, string[] types)
    {
        Names = names;
        Prefixes = prefixes;
        Types = types;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>'O', 'B' or 'I' per label id.</summary>
    public IReadOnlyList<char> Prefixes { get; }

    /// <summary>Entity type per label id; empty for O.</summary>
    public IReadOnlyList<string> Types { get; }

    public int Count => Names.Count;

    /// <summary>True when label <paramref name="next"/> may follow <paramref name="previous"/> (-1 = sentence start).</summary>
    public bool AllowsTransition(int previous, int next) =>
        Prefixes[next] != 'I' || (previous >= 0 && Prefixes[previous] != 'O' && Types[previous] == Types[next]);

    /// <exception cref="FormatException">A label is not O, B-TYPE or I-TYPE.</exception>
    public static LabelSet Parse(IReadOnlyList<string> names)
    {
        var prefixes = new char[names.Count];
        var types = new string[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name == "O")
            {
                prefixes[i] = 'O';
                types[i] = "";
            }
            else if (name.Length > 2 && (name[0] == 'B' || name[0] == 'I') && name[1] == '-')
            {
                prefixes[i] = name[0];
                types[i] = name[2..];
            }
            else
            {
                throw new FormatException($"label '{name}' (id {i}) is not IOB2: expected O, B-TYPE or I-TYPE");
            }
        }

        if (Array.IndexOf(prefixes, 'O') < 0)
        {
            throw new FormatException("the labels have no O");
        }

        return new LabelSet([.. names], prefixes, types);
    }
}
