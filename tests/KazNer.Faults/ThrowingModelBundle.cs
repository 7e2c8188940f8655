using System.Text.Json.Nodes;
using KazNer.Core.Text;

namespace KazNer.Faults;

/// <summary>
/// A test-only model bundle for scenario (j): the shipped config and tokenizer with a tiny ONNX graph that labels
/// everything O, except that a sequence holding one chosen piece id makes ONNX Runtime fail (a Gather index out of
/// bounds), the way a model can fail on one input in production. It lives in the harness's temporary folder only.
/// </summary>
internal static class ThrowingModelBundle
{
    private const long FarIndex = 1_000_000;

    // ONNX TensorProto.DataType and AttributeProto.AttributeType values.
    private const int Float = 1;
    private const int Int64 = 7;
    private const int IntAttribute = 2;

    /// <summary>Writes the bundle to <paramref name="directory"/> and returns the word that makes inference throw.</summary>
    public static string Create(string directory, string sourceBundle, IEnumerable<string> ordinaryTexts)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in new[] { "config.json", "sentencepiece.bpe.model" })
        {
            File.Copy(Path.Combine(sourceBundle, file), Path.Combine(directory, file), overwrite: true);
        }

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(sourceBundle, "config.json")))!.AsObject();
        var labels = config["id2label"]!.AsObject().Count;
        var encoder = XlmRobertaPieceEncoder.Load(Path.Combine(directory, "sentencepiece.bpe.model"));
        var ordinary = ordinaryTexts.SelectMany(encoder.EncodeText).ToHashSet();
        const string word = "Qzxjwvq";
        var ids = new List<int>();
        encoder.EncodeWord(word, ids);
        var trigger = ids.First(id => id > XlmRobertaPieceEncoder.UnknownId && !ordinary.Contains(id));
        File.WriteAllBytes(Path.Combine(directory, "model.onnx"), Model(trigger, labels));
        return word;
    }

    private static byte[] Model(long trigger, int labels) => new ProtoWriter()
        .Varint(1, 8)
        .String(2, "kazner-faults")
        .Message(7, graph => Graph(graph, trigger, labels))
        .Message(8, opset => opset.String(1, "").Varint(2, 13))
        .ToArray();

    private static void Graph(ProtoWriter graph, long trigger, int labels)
    {
        Node(graph, "Equal", ["input_ids", "trigger"], "is_trigger");
        Node(graph, "Where", ["is_trigger", "far", "zero"], "index");
        Node(graph, "Gather", ["table", "index"], "probe");
        Node(graph, "Cast", ["attention_mask"], "mask", ("to", Float));
        Node(graph, "Mul", ["probe", "mask"], "masked");
        Node(graph, "Unsqueeze", ["masked", "last_axis"], "column");
        Node(graph, "Add", ["column", "bias"], "logits");
        graph.String(2, "throws-on-one-piece");
        Tensor(graph, "trigger", Int64, [], BitConverter.GetBytes(trigger));
        Tensor(graph, "far", Int64, [], BitConverter.GetBytes(FarIndex));
        Tensor(graph, "zero", Int64, [], BitConverter.GetBytes(0L));
        Tensor(graph, "table", Float, [1], BitConverter.GetBytes(0f));
        Tensor(graph, "last_axis", Int64, [1], BitConverter.GetBytes(2L));
        var bias = new float[labels];
        bias[0] = 1f;
        Tensor(graph, "bias", Float, [labels], [.. bias.SelectMany(BitConverter.GetBytes)]);
        Value(graph, 11, "input_ids", Int64, ["batch", "sequence"]);
        Value(graph, 11, "attention_mask", Int64, ["batch", "sequence"]);
        Value(graph, 12, "logits", Float, ["batch", "sequence", labels]);
    }

    private static void Node(ProtoWriter graph, string op, string[] inputs, string output, (string Name, long Value)? attribute = null) =>
        graph.Message(1, node =>
        {
            foreach (var input in inputs)
            {
                node.String(1, input);
            }

            node.String(2, output).String(3, output).String(4, op);
            if (attribute is { } a)
            {
                node.Message(5, attr => attr.String(1, a.Name).Varint(3, a.Value).Varint(20, IntAttribute));
            }
        });

    private static void Tensor(ProtoWriter graph, string name, int type, long[] dims, byte[] data) =>
        graph.Message(5, tensor =>
        {
            foreach (var dim in dims)
            {
                tensor.Varint(1, dim);
            }

            tensor.Varint(2, type).String(8, name).Bytes(9, data);
        });

    private static void Value(ProtoWriter graph, int field, string name, int type, object[] dims) =>
        graph.Message(field, value => value
            .String(1, name)
            .Message(2, t => t.Message(1, tensor => tensor
                .Varint(1, type)
                .Message(2, shape =>
                {
                    foreach (var dim in dims)
                    {
                        shape.Message(1, d => _ = dim is int size ? d.Varint(1, size) : d.String(2, (string)dim));
                    }
                }))));
}
