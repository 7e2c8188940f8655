using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;

namespace KazNer.Stream.Tests.Records;

public sealed class OutboundRecordFactoryTests
{
    private const int Limit = 10_000;
    private readonly OutboundRecordFactory factory = new("news.annotated", "news.dlq", Limit);

    [Fact]
    public void DeadLetter_OriginalFits_CarriesItWhole()
    {
        var source = Source(new byte[4_000]);

        var letter = factory.DeadLetter(source, DeadLetterReason.InvalidJson("bad")).Records.Single();

        Assert.Equal(source.Value, letter.Value);
        Assert.Null(Header(letter, KazNerHeaders.KeptBytes));
    }

    [Fact]
    public void DeadLetter_OriginalOverTheProducerLimit_KeepsItsHeadAndSaysSoInHeaders()
    {
        var value = RandomNumberGenerator.GetBytes(25_000);
        var source = Source(value);

        var unit = factory.DeadLetter(source, DeadLetterReason.TooLarge(value.Length, 20_000));
        var letter = unit.Records.Single();

        Assert.InRange(letter.Bytes, 1, Limit);
        var kept = int.Parse(Header(letter, KazNerHeaders.KeptBytes)!, CultureInfo.InvariantCulture);
        Assert.InRange(kept, Limit / 2, Limit);
        Assert.Equal(value[..kept], letter.Value);
        Assert.Equal("25000", Header(letter, KazNerHeaders.OriginalBytes));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(value)), Header(letter, KazNerHeaders.OriginalSha256));
        Assert.Equal("too-large", Header(letter, KazNerHeaders.Error));
        Assert.Equal("test", Header(letter, "origin"));
        Assert.Equal("too-large", unit.DeadLetter!.Error);
    }

    [Fact]
    public void DeadLetter_WithoutPayload_KeepsNothingButTheReason()
    {
        var source = Source(new byte[500]);

        var letter = factory.DeadLetter(source, DeadLetterReason.InvalidUtf8(), withoutPayload: true).Records.Single();

        Assert.Empty(letter.Value);
        Assert.Equal("0", Header(letter, KazNerHeaders.KeptBytes));
        Assert.Equal("500", Header(letter, KazNerHeaders.OriginalBytes));
        Assert.Null(Header(letter, "origin"));
        Assert.Equal("invalid-utf8", Header(letter, KazNerHeaders.Error));
    }

    private static SourceMessage Source(byte[] value) =>
        new(new TopicPartitionOffset("news", 0, 7), "k"u8.ToArray(), value, [new Header("origin", "test"u8.ToArray())], DateTimeOffset.UnixEpoch);

    private static string? Header(OutboundRecord record, string key) =>
        record.Headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
