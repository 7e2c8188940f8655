using KazNer.Core;

namespace KazNer.Stream.Pipeline;

/// <summary>A model sequence waiting for a batch, with the document it belongs to.</summary>
internal sealed record PendingSequence(EncodedSequence Sequence, InFlightDocument Owner);
