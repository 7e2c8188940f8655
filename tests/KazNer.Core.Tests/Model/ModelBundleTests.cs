using System.Text.Json.Nodes;
using KazNer.Core.Model;

namespace KazNer.Core.Tests.Model;

public sealed class ModelBundleTests : IDisposable
{
    private readonly TempModelCopy model = new();
    private readonly string copy;

    public ModelBundleTests() => copy = this.model.Path;

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
    [InlineData("kazner-base")]
    [InlineData("kazner-base-fast")]
    public void Load_EachShippedBundle_IsNamedAfterItsFolderAndItsCardHeadsWithItsVersion(string folder)
    {
        var path = Path.Combine(RepoPaths.Root, "models", folder);

        var bundle = ModelBundle.Load(path);

        Assert.Equal(folder, bundle.Name);
        Assert.Equal($"# {folder} {bundle.Version}", File.ReadLines(Path.Combine(path, "MODEL_CARD.md")).First());
    }

    [Theory]
    [InlineData(ModelBundle.ModelFile)]
    [InlineData(ModelBundle.ConfigFile)]
    [InlineData(ModelBundle.TokenizerFile)]
    public void Load_FileMissing_ErrorNamesTheFile(string file)
    {
        File.Delete(Path.Combine(copy, file));

        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(copy));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Id2LabelNotIob2_ErrorNamesConfigAndLabel()
    {
        EditConfig(config => config["id2label"]!["1"] = "PERSON");

        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(copy));
        Assert.Contains("config.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'PERSON'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExportWithoutCrf_LoadsAndHasNoCrf()
    {
        EditConfig(config => config.Remove("crf"));

        Assert.Null(ModelBundle.Load(copy).Crf);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.5)]
    public void Load_CrfTemperatureNotPositive_ErrorNamesIt(double temperature)
    {
        EditConfig(config => config["crf"]!["temperature"] = temperature);

        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(copy));
        Assert.Contains("temperature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CrfTemperature_IsRead()
    {
        EditConfig(config => config["crf"]!["temperature"] = 1.75);

        Assert.Equal(1.75f, ModelBundle.Load(copy).Crf!.Temperature);
    }

    [Fact]
    public void Load_XlmRobertaPositions_LeavesTwoForThePaddingOffset()
    {
        EditConfig(config =>
        {
            config["model_type"] = "xlm-roberta";
            config["max_position_embeddings"] = 514;
        });

        Assert.Equal(512, ModelBundle.Load(copy).MaxSequenceLength);
    }

    [Fact]
    public void Load_OnnxGraphWithOtherInputs_ErrorNamesModelOnnx()
    {
        File.Copy(RepoPaths.Fixture("wrong-signature.onnx"), Path.Combine(copy, ModelBundle.ModelFile), overwrite: true);

        var error = Assert.Throws<ModelBundleException>(() => NerEngine.Load(new NerEngineOptions { Path = copy, Device = Core.Inference.Device.Cpu }));
        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("input_ids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotOnnxAtAll_ErrorNamesModelOnnx()
    {
        File.WriteAllText(Path.Combine(copy, ModelBundle.ModelFile), "not a model");

        var error = Assert.Throws<ModelBundleException>(() => NerEngine.Load(new NerEngineOptions { Path = copy, Device = Core.Inference.Device.Cpu }));
        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => this.model.Dispose();

    private void EditConfig(Action<JsonObject> edit) => this.model.EditConfig(edit);
}
