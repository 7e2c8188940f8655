using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Pauses the assignment while too much is in flight or the sink is down, and resumes it once drained. The
/// wanted state is applied to the whole current assignment whenever it changes: librdkafka keeps a partition's
/// pause across unassign and reassign, so a partition paused, lost during an outage and assigned again after the
/// pause was lifted would otherwise stay paused for good while the member looks healthy.
/// </summary>
internal sealed class BackPressure(IMessageSource source, FlowControl flow, ILogger logger)
{
    private bool paused;

    public void Apply(bool stopping, bool assignmentChanged)
    {
        var pause = paused ? stopping || !flow.CanResume : stopping || flow.ShouldPause;
        if (pause == paused && !assignmentChanged)
        {
            return;
        }

        if (pause != paused)
        {
            if (pause)
            {
                PipelineLog.Paused(logger, flow.Documents, flow.Bytes, flow.IsSinkDown);
            }
            else
            {
                PipelineLog.Resumed(logger);
            }
        }

        paused = pause;
        var assignment = source.Assignment;
        if (paused)
        {
            source.Pause(assignment);
        }
        else
        {
            source.Resume(assignment);
        }

        flow.SetConsumptionPaused(paused);
    }
}
