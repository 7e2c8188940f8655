using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Pauses the assignment while too much is in flight or the sink is down, and resumes it once drained. The
/// wanted state is applied to the whole current assignment whenever it changes: librdkafka keeps a partition's
/// pause across unassign and reassign, so a partition paused, lost during an outage and assigned again after the
/// pause was lifted would otherwise stay paused for good while the member looks healthy. Pausing during a backlog
/// is normal; only a pause that outlasts <paramref name="warnAfter"/> is worth a warning, once per pause.
/// </summary>
internal sealed class BackPressure(IMessageSource source, FlowControl flow, TimeSpan warnAfter, TimeProvider time, ILogger logger)
{
    private bool paused;
    private long pausedSince;
    private bool warned;

    public void Apply(bool stopping, bool assignmentChanged)
    {
        var pause = paused ? stopping || !flow.CanResume : stopping || flow.ShouldPause;
        if (pause == paused && !assignmentChanged)
        {
            WarnIfLong(stopping);
            return;
        }

        if (pause != paused)
        {
            if (pause && stopping)
            {
                // Pausing to drain on shutdown is the normal path, not back-pressure worth a warning.
                PipelineLog.PausedToStop(logger, flow.Documents, flow.Bytes);
            }
            else if (pause)
            {
                PipelineLog.Paused(logger, flow.Documents, flow.Bytes, flow.IsSinkDown);
            }
            else
            {
                PipelineLog.Resumed(logger);
            }
        }

        if (pause && !paused)
        {
            pausedSince = time.GetTimestamp();
            warned = false;
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

    private void WarnIfLong(bool stopping)
    {
        if (paused && !stopping && !warned && time.GetElapsedTime(pausedSince) >= warnAfter)
        {
            warned = true;
            PipelineLog.PausedLong(logger, (int)warnAfter.TotalSeconds, flow.Documents, flow.Bytes, flow.IsSinkDown);
        }
    }
}
