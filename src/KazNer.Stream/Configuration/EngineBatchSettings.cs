using KazNer.Core;
using Microsoft.Extensions.Configuration;

namespace KazNer.Stream.Configuration;

/// <summary>
/// <c>run</c> batches in its pipeline by <c>Pipeline:MaxBatch*</c>, never by the engine's own <c>Model:MaxBatch*</c>:
/// those are refused rather than silently ignored, and the engine is given the pipeline's values so that what it
/// reports and sizes its concurrent runs by is the batch the worker really runs.
/// </summary>
internal static class EngineBatchSettings
{
    private static readonly string[] Keys =
    [
        nameof(NerEngineOptions.MaxBatchTokens), nameof(NerEngineOptions.MaxBatchSequences), nameof(NerEngineOptions.MaxBatchPadding),
    ];

    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return from key in Keys
               where configuration[$"{NerEngineOptions.SectionName}:{key}"] is not null
               select $"{NerEngineOptions.SectionName}:{key} is not read by run, which batches by {PipelineOptions.SectionName}:{key}; set that instead";
    }

    public static void Apply(NerEngineOptions model, PipelineOptions pipeline)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pipeline);
        model.MaxBatchTokens = pipeline.MaxBatchTokens;
        model.MaxBatchSequences = pipeline.MaxBatchSequences;
        model.MaxBatchPadding = pipeline.MaxBatchPadding;
    }
}
