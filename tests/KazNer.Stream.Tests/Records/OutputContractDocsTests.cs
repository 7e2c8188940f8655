using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using KazNer.Stream.Commands;
using KazNer.Stream.Tests.Deployment;
using KazNer.Stream.Tests.Support;

namespace KazNer.Stream.Tests.Records;

/// <summary>docs/output.md against schemas/: every member documented, no row for a member that does not exist, one score definition.</summary>
public sealed partial class OutputContractDocsTests
{
    /// <summary>The definition every place that speaks of the score words the same way (docs/output.md, Scores, spells it out).</summary>
    private const string ScoreDefinition = "the CRF posterior probability of exactly that entity (its type and both edges) at the model's calibration temperature";

    public static TheoryData<string> Schemas => [SchemaFiles.AnnotatedRecord, SchemaFiles.EntityEvent];

    [Theory]
    [MemberData(nameof(Schemas))]
    public void EveryMemberOfTheSchema_IsARowOfItsTableInOutputMd(string schemaFile)
    {
        var missing = MembersOf(schemaFile).Except(DocumentedMembers(schemaFile), StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"docs/output.md does not document {string.Join(", ", missing)} of {schemaFile}");
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void EveryRowOfItsTable_IsAMemberOfTheSchema(string schemaFile)
    {
        var stale = DocumentedMembers(schemaFile).Except(MembersOf(schemaFile), StringComparer.Ordinal).ToList();

        Assert.True(stale.Count == 0, $"docs/output.md documents {string.Join(", ", stale)}, which {schemaFile} does not have");
    }

    [Fact]
    public void ScoreDefinition_IsTheSameInDocsSchemasModelCardAndCliHelp()
    {
        var minScore = AnnotateCommand.Create().Options.Single(o => o.Name == "--min-score");
        var places = new Dictionary<string, string?>
        {
            ["docs/output.md"] = RepositoryFiles.Read("docs/output.md"),
            ["docs/configuration.md"] = RepositoryFiles.Read("docs/configuration.md"),
            ["models/kazner-base/MODEL_CARD.md"] = RepositoryFiles.Read("models/kazner-base/MODEL_CARD.md"),
            ["annotate --min-score"] = minScore.Description,
            [$"{SchemaFiles.AnnotatedRecord} entities[].score"] = Schema(SchemaFiles.AnnotatedRecord).GetProperty("properties").GetProperty("entities")
                .GetProperty("items").GetProperty("properties").GetProperty("score").GetProperty("description").GetString(),
            [$"{SchemaFiles.EntityEvent} score"] = Schema(SchemaFiles.EntityEvent).GetProperty("properties").GetProperty("score").GetProperty("description").GetString(),
        };

        Assert.All(places, place => Assert.True(
            Whitespace().Replace(place.Value ?? "", " ").Contains(ScoreDefinition, StringComparison.OrdinalIgnoreCase),
            $"{place.Key} does not define the score as \"{ScoreDefinition}\""));
    }

    /// <summary>Member paths: <c>source.topic</c> for a nested object's member, <c>entities[].type</c> for an array item's.</summary>
    private static List<string> MembersOf(string schemaFile) => [.. Members(Schema(schemaFile), "")];

    private static IEnumerable<string> Members(JsonElement schema, string prefix)
    {
        if (!schema.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var member in properties.EnumerateObject())
        {
            var path = prefix + member.Name;
            yield return path;
            var nested = member.Value.TryGetProperty("items", out var items) ? Members(items, path + "[].") : Members(member.Value, path + ".");
            foreach (var inner in nested)
            {
                yield return inner;
            }
        }
    }

    /// <summary>The first cell's names in backticks, row by row, of the first "| member | meaning |" table after the schema's link.</summary>
    private static List<string> DocumentedMembers(string schemaFile)
    {
        var docs = RepositoryFiles.Read("docs/output.md");
        var link = docs.IndexOf($"schemas/{schemaFile}", StringComparison.Ordinal);
        Assert.True(link >= 0, $"docs/output.md does not link schemas/{schemaFile}");
        var table = docs[link..].Split('\n').SkipWhile(l => !l.StartsWith("| member | meaning |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|'));
        return [.. table.SelectMany(row => Backticked().Matches(row.Split('|')[1]).Select(m => m.Groups[1].Value))];
    }

    private static JsonElement Schema(string schemaFile) => JsonDocument.Parse(File.ReadAllText(SchemaFiles.PathOf(schemaFile))).RootElement;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
