namespace KazNer.Stream.Telemetry;

/// <summary>What metrics and health read of the pipeline's flow control (implemented there, so neither depends on the other's internals).</summary>
internal interface IFlowReadings
{
    /// <summary>Documents consumed and not yet acknowledged.</summary>
    long Documents { get; }

    /// <summary>Whether the consume loop has paused its partitions.</summary>
    bool IsConsumptionPaused { get; }
}
