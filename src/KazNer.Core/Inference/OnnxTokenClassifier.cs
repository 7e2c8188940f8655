using KazNer.Core.Model;
using KazNer.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace KazNer.Core.Inference;

/// <summary>
/// The one ONNX Runtime session of a process. ORT sessions are safe to run from many threads, so every
/// caller shares it; each run's OrtValues are disposed before it returns.
/// </summary>
internal sealed class OnnxTokenClassifier : IDisposable
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask"];
    private static readonly string[] OutputNames = ["logits"];

    private readonly InferenceSession _session;
    private readonly int _labels;

    private OnnxTokenClassifier(InferenceSession session, int labels, string device)
    {
        _session = session;
        _labels = labels;
        Device = device;
    }

    /// <summary>The execution provider that ended up running the model: "cpu" or "cuda".</summary>
    public string Device { get; }

    public static OnnxTokenClassifier Load(ModelBundle bundle, Device device, int intraOpThreads, ILogger logger)
    {
        var (options, used) = SessionOptionsFor(device, intraOpThreads, logger);
        InferenceSession session;
        try
        {
            session = new InferenceSession(bundle.ModelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelBundleException($"{bundle.ModelPath}: ONNX Runtime cannot load it ({e.Message})", e);
        }
        finally
        {
            options.Dispose();
        }

        try
        {
            CheckSignature(session, bundle);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        return new OnnxTokenClassifier(session, bundle.Labels.Count, used);
    }

    /// <summary>Runs the batch padded to its longest sequence and stores each sequence's logits.</summary>
    public void Run(IReadOnlyList<EncodedSequence> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rows = batch.Count;
        var columns = batch.Max(s => s.Length);
        var ids = new long[rows * columns];
        var mask = new long[rows * columns];
        Array.Fill(ids, XlmRobertaPieceEncoder.PadId);
        for (var r = 0; r < rows; r++)
        {
            var sequence = batch[r].Ids;
            for (var c = 0; c < sequence.Count; c++)
            {
                ids[(r * columns) + c] = sequence[c];
                mask[(r * columns) + c] = 1;
            }
        }

        long[] shape = [rows, columns];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue], OutputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        using (outputs)
        {
            var logits = outputs[0].GetTensorDataAsSpan<float>();
            var stride = columns * _labels;
            for (var r = 0; r < rows; r++)
            {
                batch[r].Logits = logits.Slice(r * stride, batch[r].Length * _labels).ToArray();
            }
        }
    }

    public void Dispose() => _session.Dispose();

    private static (SessionOptions Options, string Device) SessionOptionsFor(Device device, int intraOpThreads, ILogger logger)
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }

        if (device == Inference.Device.Cpu)
        {
            return (options, "cpu");
        }

        try
        {
            options.AppendExecutionProvider_CUDA(0);
            return (options, "cuda");
        }
        catch (Exception e) when (e is EntryPointNotFoundException or OnnxRuntimeException or DllNotFoundException)
        {
            // The CPU package of ONNX Runtime has no CUDA entry point at all: that is how the build is made, not a fault.
            var cpuBuild = e is EntryPointNotFoundException;
            if (device == Inference.Device.Cuda)
            {
                options.Dispose();
                throw new DeviceUnavailableException(cpuBuild
                    ? "Device=Cuda: this build runs on the CPU only (ONNX Runtime's CPU package); use Device=Auto or Cpu, or the CUDA build (-p:KazNerGpu=true)"
                    : $"Device=Cuda: CUDA is not available ({FirstLine(e.Message)})", e);
            }

            if (cpuBuild)
            {
                EngineLog.CpuBuild(logger);
            }
            else
            {
                EngineLog.CudaUnavailable(logger, e.GetType().Name, FirstLine(e.Message));
            }

            return (options, "cpu");
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    private static void CheckSignature(InferenceSession session, ModelBundle bundle)
    {
        var path = bundle.ModelPath;
        var inputs = session.InputMetadata;
        if (inputs.Count != InputNames.Length || !InputNames.All(inputs.ContainsKey))
        {
            throw new ModelBundleException(
                $"{path}: inputs are [{string.Join(", ", inputs.Keys)}]; a token classifier needs exactly [input_ids, attention_mask]");
        }

        foreach (var name in InputNames)
        {
            if (inputs[name].ElementDataType != TensorElementType.Int64 || inputs[name].Dimensions.Length != 2)
            {
                throw new ModelBundleException($"{path}: input {name} must be int64 [batch, sequence]");
            }
        }

        if (!session.OutputMetadata.TryGetValue("logits", out var logits))
        {
            throw new ModelBundleException($"{path}: no output named logits (it has [{string.Join(", ", session.OutputMetadata.Keys)}])");
        }

        var labels = logits.Dimensions.Length == 3 ? logits.Dimensions[2] : 0;
        if (logits.ElementDataType != TensorElementType.Float || logits.Dimensions.Length != 3
            || (labels > 0 && labels != bundle.Labels.Count))
        {
            throw new ModelBundleException(
                $"{path}: output logits must be float32 [batch, sequence, {bundle.Labels.Count}] to match config.json's id2label");
        }
    }
}
