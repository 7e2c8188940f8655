using System.Threading.Channels;
using KazNer.Core;
using KazNer.Stream.Configuration;
using KazNer.Stream.Records;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// consume → parse → batch → infer → reorder → publish → commit, each stage a task joined by bounded channels.
/// Stopping stops fetching, lets in-flight documents finish until none is left or the drain timeout, flushes,
/// commits the delivered offsets and closes the consumer, each step bounded, so a stop always ends.
/// </summary>
internal sealed class AnnotationPipeline : IDisposable
{
    private readonly IMessageSource source;
    private readonly IRecordSink sink;
    private readonly KafkaOptions kafka;
    private readonly PipelineOptions options;
    private readonly ILogger logger;
    private readonly Channel<InFlightDocument> consumed;
    private readonly Channel<PendingSequence> sequences;
    private readonly Channel<InFlightDocument> released = Channel.CreateUnbounded<InFlightDocument>(new() { SingleReader = true });
    private readonly OffsetCommitter offsets;
    private readonly InFlightLedger ledger;
    private readonly FatalErrorSignal fatal = new();
    private readonly WorkerHealth health;
    private readonly DocumentOrderer orderer;
    private readonly RebalanceHandler rebalance;
    private readonly ConsumeLoop consumeLoop;
    private readonly ParseStage parse;
    private readonly DeliveryStage delivery;

    public AnnotationPipeline(
        IMessageSource source,
        IRecordSink sink,
        OffsetCommitter offsets,
        ResiliencePipeline<DeliveryOutcome> deadLetterRetry,
        INerEngine engine,
        KafkaOptions kafka,
        PipelineOptions options,
        FlowControl flow,
        StreamMetrics metrics,
        WorkerHealth health,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(offsets);
        this.source = source;
        this.sink = sink;
        this.kafka = kafka;
        this.options = options;
        logger = loggers.CreateLogger<AnnotationPipeline>();
        consumed = Channel.CreateBounded<InFlightDocument>(new BoundedChannelOptions(options.MaxDocumentsInFlight) { SingleReader = true, SingleWriter = true });
        sequences = Channel.CreateBounded<PendingSequence>(new BoundedChannelOptions(options.MaxBatchSequences * 4) { SingleReader = true, SingleWriter = true });
        this.health = health;
        this.offsets = offsets;
        ledger = offsets.Ledger;
        orderer = new DocumentOrderer(released.Writer);
        var records = new OutboundRecordFactory(kafka.OutputTopic, kafka.ResolvedDeadLetterTopic, kafka.MaxMessageBytes);
        var completer = new DocumentCompleter(
            engine, records, new AnnotatedRecordWriter(kafka.OffsetUnit), orderer, metrics, new EntityEventRecords(kafka.EntityTopic, kafka.OffsetUnit));
        parse = new ParseStage(consumed.Reader, sequences.Writer, new InputRecordParser(kafka.InputFormat, kafka.MaxMessageBytes), engine, completer);
        Batcher = new InferenceBatcher(sequences.Reader, new BatchInference(engine, completer, metrics, time, logger), options, engine.Model.ConcurrentRuns, time);
        var deadLetters = new DeadLetterPublisher(sink, records, flow, deadLetterRetry);
        delivery = new DeliveryStage(released.Reader, sink, deadLetters, ledger, fatal, metrics, time, logger);
        var commits = sink.CreateOffsetCommits(source, offsets, DrainTimeout, time, logger);
        rebalance = new RebalanceHandler(offsets, commits, orderer, health, metrics, DrainTimeout, logger);
        consumeLoop = new ConsumeLoop(
            source,
            new Intake(consumed.Writer, ledger, orderer, metrics, time),
            rebalance,
            commits,
            new BackPressure(source, flow, TimeSpan.FromSeconds(options.PausedWarningSeconds), time, logger),
            new PartitionWatch(source, ledger, metrics, health),
            health,
            time);
    }

    public InferenceBatcher Batcher { get; }

    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(50);
    private StopBudget? stop;

    private TimeSpan DrainTimeout => TimeSpan.FromSeconds(options.DrainTimeoutSeconds);

    /// <summary>Runs until <paramref name="stoppingToken"/> (graceful drain) or a fatal error (thrown).</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var stopFetching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, fatal.Token);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(fatal.Token);
        using var drained = new CancellationTokenSource();
        source.Subscribe(kafka.InputTopic, rebalance);
        PipelineLog.Started(logger, kafka.InputTopic, kafka.OutputTopic, kafka.ResolvedDeadLetterTopic, kafka.Delivery);

        var consuming = Task.Factory.StartNew(() => Consume(stopFetching.Token, drained.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var inference = Task.WhenAll(fatal.Guard(parse.RunAsync, abort.Token), fatal.Guard(Batcher.RunAsync, abort.Token));
        var delivering = fatal.Guard(delivery.RunAsync, abort.Token);

        await Task.Delay(Timeout.Infinite, stopFetching.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        if (fatal.Error is { } stoppedBy)
        {
            health.PipelineStopped(stoppedBy.GetBaseException().Message);
        }

        PipelineLog.Draining(logger, ledger.InFlight(), options.DrainTimeoutSeconds);
        var budget = stop = new StopBudget(DrainTimeout);
        await DrainAsync(budget).ConfigureAwait(false);
        await abort.CancelAsync().ConfigureAwait(false);
        await inference.ConfigureAwait(false);

        // Every document that got past the consume loop has now been released or dropped.
        orderer.Complete();
        await delivering.ConfigureAwait(false);
        if (ledger.InFlight() is > 0 and var undelivered && fatal.Error is null)
        {
            PipelineLog.DrainTimedOut(logger, undelivered);
        }

        budget.DrainEnded();
        await FinishAsync(consuming, drained, budget).ConfigureAwait(false);
    }

    /// <summary>
    /// Until every admitted document has its outcome, a fatal error, or the deadline. Waiting for the stages to
    /// end instead could take the whole drain timeout for nothing: they end when the consume thread completes the
    /// intake, and a rebalance can hold that thread up.
    /// </summary>
    private async Task DrainAsync(StopBudget budget)
    {
        while (!fatal.Token.IsCancellationRequested && ledger.InFlight() > 0 && budget.Draining)
        {
            await Task.Delay(DrainPoll).ConfigureAwait(false);
        }
    }

    /// <returns>False when the consumer did not leave the group in time.</returns>
    private bool Consume(CancellationToken stopFetching, CancellationToken drained)
    {
        try
        {
            return consumeLoop.Run(() => stop?.FinalStepLeft ?? TimeSpan.Zero, stopFetching, drained);
        }
        catch (Exception e)
        {
            fatal.Raise(e);
            return true;
        }
    }

    private async Task FinishAsync(Task<bool> consuming, CancellationTokenSource drained, StopBudget budget)
    {
        try
        {
            // The flush is bounded too: a transaction's commit may outlast its timeout while it aborts and retries.
            var flushing = sink.FlushAsync(budget.FinalStepLeft);
            if (await StopBudget.EndsWithinAsync(flushing, budget.FinalStepLeft + TimeSpan.FromSeconds(1)).ConfigureAwait(false))
            {
                await flushing.ConfigureAwait(false);
            }
        }
        finally
        {
            // The consume thread makes the final commit and closes the consumer, both bounded; a thread stuck in
            // librdkafka past that is left behind (it is a background thread) rather than holding the exit.
            await drained.CancelAsync().ConfigureAwait(false);
            var bound = budget.FinalStepLeft + ConsumeLoop.CloseTimeout + TimeSpan.FromSeconds(1);
            if (!await StopBudget.EndsWithinAsync(consuming, bound).ConfigureAwait(false) || !await consuming.ConfigureAwait(false))
            {
                PipelineLog.ConsumerAbandoned(logger, (int)bound.TotalSeconds);
                offsets.LogUncommitted();
            }
        }

        if (fatal.Error is { } error)
        {
            health.PipelineStopped(error.GetBaseException().Message);
            throw new PipelineFatalException(error);
        }

        PipelineLog.Stopped(logger, ledger.InFlight());
    }

    public void Dispose() => fatal.Dispose();
}
