using System.Text.Json.Nodes;
using KazNer.Core.Model;

namespace KazNer.Core.Tests.Model;

public sealed class ModelBundleTests : IDisposable
{
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "kazner-bundle-" + Guid.NewGuid().ToString("N"));

    public ModelBundleTests()
    {
        Directory.CreateDirectory(_copy);
        foreach (var file in Directory.GetFiles(RepoPaths.DefaultModel))
        {
            File.Copy(file, Path.Combine(_copy, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void Load_ShippedModel_ReadsIob2LabelsAndCrf()
    {
        var bundle = ModelBundle.Load(RepoPaths.DefaultModel);

        Assert.Equal(51, bundle.Labels.Count);
        Assert.Contains("B-PERSON", bundle.Labels.Names);
        Assert.NotNull(bundle.Crf);
        Assert.Equal("kazner-base", bundle.Name);
    }

    [Theory]
    [InlineData(ModelBundle.ModelFile)]
    [InlineData(ModelBundle.ConfigFile)]
    [InlineData(ModelBundle.TokenizerFile)]
    public void Load_FileMissing_ErrorNamesTheFile(string file)
    {
        File.Delete(Path.Combine(_copy, file));

        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(_copy));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Id2LabelNotIob2_ErrorNamesConfigAndLabel()
    {
        EditConfig(config => config["id2label"]!["1"] = "PERSON");

        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(_copy));
        Assert.Contains("config.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'PERSON'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExportWithoutCrf_LoadsAndHasNoCrf()
    {
        EditConfig(config => config.Remove("crf"));

        Assert.Null(ModelBundle.Load(_copy).Crf);
    }

    [Fact]
    public void Load_XlmRobertaPositions_LeavesTwoForThePaddingOffset()
    {
        EditConfig(config =>
        {
            config["model_type"] = "xlm-roberta";
            config["max_position_embeddings"] = 514;
        });

        Assert.Equal(512, ModelBundle.Load(_copy).MaxSequenceLength);
    }

    [Fact]
    public void Load_OnnxGraphWithOtherInputs_ErrorNamesModelOnnx()
    {
        File.Copy(RepoPaths.Fixture("wrong-signature.onnx"), Path.Combine(_copy, ModelBundle.ModelFile), overwrite: true);

        var error = Assert.Throws<ModelBundleException>(() => NerEngine.Load(new NerEngineOptions { Path = _copy, Device = Core.Inference.Device.Cpu }));
        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("input_ids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotOnnxAtAll_ErrorNamesModelOnnx()
    {
        File.WriteAllText(Path.Combine(_copy, ModelBundle.ModelFile), "not a model");

        var error = Assert.Throws<ModelBundleException>(() => NerEngine.Load(new NerEngineOptions { Path = _copy, Device = Core.Inference.Device.Cpu }));
        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    private void EditConfig(Action<JsonObject> edit)
    {
        var path = Path.Combine(_copy, ModelBundle.ConfigFile);
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }
}
