using System.Text.Json.Serialization;

namespace KazNer.Core.Evaluation;

/// <summary>Source-generated serialization, so reports can be written without reflection (trimming, AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(EvaluationReport))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
