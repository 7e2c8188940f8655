using System.Text.Json;
using System.Text.Json.Nodes;

namespace KazNer.Core.Model;

/// <summary>
/// A model folder in the layout of an Optimum ONNX token-classification export: model.onnx, config.json
/// and XLM-R's sentencepiece.bpe.model. Reading it checks everything that does not need ONNX Runtime.
/// </summary>
public sealed record ModelBundle(
    string Directory,
    string Name,
    string Version,
    LabelSet Labels,
    int MaxSequenceLength,
    CrfScores? Crf)
{
    public const string ModelFile = "model.onnx";
    public const string ConfigFile = "config.json";
    public const string TokenizerFile = "sentencepiece.bpe.model";

    // Beyond this, windows gain nothing and ONNX exports of BERT-like models have no positions left.
    private const int DefaultMaxSequenceLength = 512;

    public string ModelPath => Path.Combine(Directory, ModelFile);

    public string TokenizerPath => Path.Combine(Directory, TokenizerFile);

    public static ModelBundle Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new ModelBundleException($"model folder '{full}' does not exist");
        }

        foreach (var file in new[] { ModelFile, ConfigFile, TokenizerFile })
        {
            if (!File.Exists(Path.Combine(full, file)))
            {
                throw new ModelBundleException($"model folder '{full}' has no {file}");
            }
        }

        var configPath = Path.Combine(full, ConfigFile);
        JsonObject config;
        try
        {
            config = JsonNode.Parse(File.ReadAllText(configPath)) as JsonObject
                ?? throw new ModelBundleException($"{configPath}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ModelBundleException($"{configPath}: invalid JSON ({e.Message})", e);
        }

        var labels = ReadLabels(config, configPath);
        var name = (string?)config["kazner_model_name"] ?? (string?)config["_name_or_path"] ?? (string?)config["name_or_path"]
            ?? Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar));
        var version = (string?)config["kazner_model_version"] ?? (string?)config["transformers_version"] ?? "unversioned";
        return new ModelBundle(full, name, version, labels, ReadMaxLength(config), ReadCrf(config, configPath, labels.Count));
    }

    private static LabelSet ReadLabels(JsonObject config, string path)
    {
        if (config["id2label"] is not JsonObject id2Label || id2Label.Count == 0)
        {
            throw new ModelBundleException($"{path}: no id2label");
        }

        var names = new string[id2Label.Count];
        foreach (var (key, value) in id2Label)
        {
            if (!int.TryParse(key, out var id) || id < 0 || id >= names.Length || names[id] is not null)
            {
                throw new ModelBundleException($"{path}: id2label key '{key}' is not one of the ids 0..{names.Length - 1}");
            }

            names[id] = (string?)value ?? throw new ModelBundleException($"{path}: id2label[{key}] is not a string");
        }

        try
        {
            return LabelSet.Parse(names);
        }
        catch (FormatException e)
        {
            throw new ModelBundleException($"{path}: id2label {e.Message}", e);
        }
    }

    private static int ReadMaxLength(JsonObject config)
    {
        var positions = (int?)config["max_position_embeddings"];
        if (positions is null)
        {
            return DefaultMaxSequenceLength;
        }

        // RoBERTa-family position ids start after the padding index, so two positions are never usable.
        var modelType = (string?)config["model_type"] ?? "";
        var usable = modelType.Contains("roberta", StringComparison.OrdinalIgnoreCase) ? positions.Value - 2 : positions.Value;
        return Math.Clamp(usable, 8, DefaultMaxSequenceLength);
    }

    private static CrfScores? ReadCrf(JsonObject config, string path, int labels)
    {
        if (config["crf"] is not JsonObject crf)
        {
            return null;
        }

        try
        {
            var rows = crf["transitions"] as JsonArray ?? throw new FormatException("has no transitions");
            var transitions = new float[labels, labels];
            if (rows.Count != labels)
            {
                throw new FormatException($"transitions has {rows.Count} rows for {labels} labels");
            }

            for (var i = 0; i < labels; i++)
            {
                var row = rows[i] as JsonArray ?? throw new FormatException($"transitions row {i} is not an array");
                if (row.Count != labels)
                {
                    throw new FormatException($"transitions row {i} has {row.Count} values for {labels} labels");
                }

                for (var j = 0; j < labels; j++)
                {
                    transitions[i, j] = Number(row[j]);
                }
            }

            var temperature = crf["temperature"] is { } t ? Number(t) : 1f;
            if (!(temperature > 0))
            {
                throw new FormatException($"temperature {temperature} is not positive");
            }

            return new CrfScores(transitions, Vector(crf["start"], labels, "start"), Vector(crf["end"], labels, "end"), temperature);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new ModelBundleException($"{path}: crf {e.Message}", e);
        }
    }

    private static float[] Vector(JsonNode? node, int labels, string name)
    {
        var values = (node as JsonArray)?.Select(Number).ToArray() ?? throw new FormatException($"has no {name}");
        return values.Length == labels ? values : throw new FormatException($"{name} has {values.Length} values for {labels} labels");
    }

    private static float Number(JsonNode? node) => node?.GetValue<float>() ?? throw new FormatException("has a null score");
}
