using System.Buffers;
using KazNer.Core.Model;
using KazNer.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace KazNer.Core.Inference;

/// <summary>
/// The one ONNX Runtime session of a process. ORT sessions are safe to run from many threads, so every
/// caller shares it; each run's OrtValues are disposed before it returns. Input tensors wrap pooled arrays,
/// so a steady stream of batches allocates no new input buffers.
/// </summary>
internal sealed class OnnxTokenClassifier : IDisposable
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask"];
    private static readonly string[] OutputNames = ["logits"];

    private readonly InferenceSession session;
    private readonly int labels;

    private OnnxTokenClassifier(InferenceSession session, int labels, string device, InferenceSizing sizing)
    {
        this.session = session;
        this.labels = labels;
        Device = device;
        Sizing = sizing;
    }

    /// <summary>The execution provider that ended up running the model: "cpu" or "cuda".</summary>
    public string Device { get; }

    /// <summary>Batches worth running at the same time on this session, with how many threads each, and why.</summary>
    public InferenceSizing Sizing { get; }

    public int ConcurrentRuns => Sizing.ConcurrentRuns;

    public static OnnxTokenClassifier Load(ModelBundle bundle, NerEngineOptions settings, ILogger logger)
    {
        var (options, used, sizing) = SessionOptionsFor(bundle, settings, logger);
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

        return new OnnxTokenClassifier(session, bundle.Labels.Count, used, sizing);
    }

    /// <summary>Runs the batch padded to its longest sequence and stores each sequence's logits.</summary>
    public void Run(IReadOnlyList<EncodedSequence> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rows = batch.Count;
        var columns = batch.Max(s => s.Length);
        var size = rows * columns;
        var idsBuffer = ArrayPool<long>.Shared.Rent(size);
        var maskBuffer = ArrayPool<long>.Shared.Rent(size);
        try
        {
            Fill(batch, columns, idsBuffer.AsSpan(0, size), maskBuffer.AsSpan(0, size));
            RunFilled(batch, columns, idsBuffer.AsMemory(0, size), maskBuffer.AsMemory(0, size), cancellationToken);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(idsBuffer);
            ArrayPool<long>.Shared.Return(maskBuffer);
        }
    }

    private static void Fill(IReadOnlyList<EncodedSequence> batch, int columns, Span<long> ids, Span<long> mask)
    {
        ids.Fill(XlmRobertaPieceEncoder.PadId);
        mask.Clear();
        for (var r = 0; r < batch.Count; r++)
        {
            var sequence = batch[r].Ids;
            for (var c = 0; c < sequence.Count; c++)
            {
                ids[(r * columns) + c] = sequence[c];
                mask[(r * columns) + c] = 1;
            }
        }
    }

    private void RunFilled(
        IReadOnlyList<EncodedSequence> batch, int columns, Memory<long> ids, Memory<long> mask, CancellationToken cancellationToken)
    {
        var rows = batch.Count;
        long[] shape = [rows, columns];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = this.session.Run(runOptions, InputNames, [idsValue, maskValue], OutputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        using (outputs)
        {
            var logits = outputs[0].GetTensorDataAsSpan<float>();
            var stride = columns * this.labels;
            for (var r = 0; r < rows; r++)
            {
                batch[r].Logits = logits.Slice(r * stride, batch[r].Length * this.labels).ToArray();
            }
        }
    }

    public void Dispose() => this.session.Dispose();

    private static (SessionOptions Options, string Device, InferenceSizing Sizing) SessionOptionsFor(ModelBundle bundle, NerEngineOptions settings, ILogger logger)
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (settings.InterOpThreads > 0)
        {
            options.ExecutionMode = ExecutionMode.ORT_PARALLEL;
            options.InterOpNumThreads = settings.InterOpThreads;
        }

        var device = settings.Device;
        if (device == Inference.Device.Cpu)
        {
            return CpuOptions(options, bundle, settings);
        }

        // ONNX Runtime prints its own error line when the CUDA libraries are missing; our one line below says it.
        var logLevel = OrtEnv.Instance().EnvLogLevel;
        OrtEnv.Instance().EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        try
        {
            options.AppendExecutionProvider_CUDA(0);
            var sizing = InferenceSizing.ForCuda(
                settings.ConcurrentRuns, settings.IntraOpThreads, Environment.ProcessorCount, AvailableMemory, InferenceSizing.PerRunEstimate(settings.MaxBatchTokens));
            if (sizing.ThreadsPerRun > 0)
            {
                options.IntraOpNumThreads = sizing.ThreadsPerRun;
            }

            return (options, "cuda", sizing);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or OnnxRuntimeException or DllNotFoundException)
        {
            // The CPU package of ONNX Runtime has no CUDA entry point at all: that is how the build is made, not a fault.
            var cpuBuild = e is EntryPointNotFoundException;
            var detail = FirstLine(e.Message);
            if (device == Inference.Device.Cuda)
            {
                options.Dispose();
                throw new DeviceUnavailableException(cpuBuild
                    ? "Device=Cuda: this build runs on the CPU only (ONNX Runtime's CPU package); use Device=Auto or Cpu, or the CUDA build (-p:KazNerGpu=true)"
                    : $"Device=Cuda: CUDA is not available ({detail})", e);
            }

            if (cpuBuild)
            {
                EngineLog.CpuBuild(logger);
            }
            else
            {
                EngineLog.CudaUnavailable(logger, detail);
            }

            return CpuOptions(options, bundle, settings);
        }
        finally
        {
            OrtEnv.Instance().EnvLogLevel = logLevel;
        }
    }

    private static (SessionOptions Options, string Device, InferenceSizing Sizing) CpuOptions(SessionOptions options, ModelBundle bundle, NerEngineOptions settings)
    {
        var sizing = InferenceSizing.ForCpu(
            settings.ConcurrentRuns, settings.IntraOpThreads, Environment.ProcessorCount, AvailableMemory,
            new FileInfo(bundle.ModelPath).Length, InferenceSizing.PerRunEstimate(settings.MaxBatchTokens));
        options.IntraOpNumThreads = sizing.ThreadsPerRun;
        return (options, "cpu", sizing);
    }

    /// <summary>What .NET may use: a container's memory limit (its heap share of it) or the machine's memory.</summary>
    private static long AvailableMemory => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

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
