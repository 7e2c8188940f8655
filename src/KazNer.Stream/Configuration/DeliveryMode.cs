namespace KazNer.Stream.Configuration;

/// <summary>How outputs and consumer offsets are tied together.</summary>
public enum DeliveryMode
{
    /// <summary>Offsets are committed after delivery; a crash may repeat (byte-identical) records.</summary>
    AtLeastOnce,

    /// <summary>Outputs and offsets are committed in one Kafka transaction.</summary>
    ExactlyOnce,
}
