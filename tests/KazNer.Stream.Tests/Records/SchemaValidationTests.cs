using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using KazNer.Core;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using KazNer.Stream.Tests.Support;

namespace KazNer.Stream.Tests.Records;

/// <summary>The schema validation the other tests rely on: a real record passes, a record broken in one place fails there.</summary>
public sealed class SchemaValidationTests
{
    private const string Text = "Президент Қасым-Жомарт Тоқаев Астанада сөз сөйледі.";

    private static readonly SourceMessage Source = new(
        new TopicPartitionOffset("news", 0, 7), null, [], [], DateTimeOffset.Parse("2024-03-12T10:00:00Z", CultureInfo.InvariantCulture));

    public static TheoryData<string, string> BrokenRecords => new()
    {
        { "entities[0] without key", "/entities/0" },
        { "entities[0].score 1.5", "/entities/0/score" },
        { "an unknown member", "/language" },
        { "processedAt without milliseconds", "/processedAt" },
        { "offsetUnit utf16", "/offsetUnit" },
        { "source.partition -1", "/source/partition" },
    };

    [Fact]
    public void RealRecordAndEntityEvent_AreValid()
    {
        var (record, entityEvent) = Write();

        Assert.Empty(SchemaFiles.Errors(SchemaFiles.AnnotatedRecord, record.Deserialize<JsonElement>()));
        Assert.Empty(SchemaFiles.Errors(SchemaFiles.EntityEvent, entityEvent.Deserialize<JsonElement>()));
    }

    [Theory]
    [MemberData(nameof(BrokenRecords))]
    public void BrokenRecord_FailsAtTheBrokenMember(string change, string location)
    {
        var record = Write().Record;
        var entity = record["entities"]![0]!.AsObject();
        _ = change switch
        {
            "entities[0] without key" => entity.Remove("key"),
            "entities[0].score 1.5" => Set(entity, "score", 1.5),
            "an unknown member" => Set(record, "language", "kk"),
            "processedAt without milliseconds" => Set(record, "processedAt", "2024-03-12T10:00:00Z"),
            "offsetUnit utf16" => Set(record, "offsetUnit", "utf16"),
            "source.partition -1" => Set(record["source"]!.AsObject(), "partition", -1),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var errors = SchemaFiles.Errors(SchemaFiles.AnnotatedRecord, record.Deserialize<JsonElement>());

        Assert.True(errors.Any(e => e.StartsWith(location + ":", StringComparison.Ordinal)), $"{change}: {string.Join("; ", errors)}");
    }

    [Fact]
    public void EntityEventWithoutDocumentId_IsInvalid()
    {
        var entityEvent = Write().EntityEvent;
        entityEvent.Remove("documentId");

        Assert.NotEmpty(SchemaFiles.Errors(SchemaFiles.EntityEvent, entityEvent.Deserialize<JsonElement>()));
    }

    private static bool Set(JsonObject target, string member, JsonNode? value)
    {
        target[member] = value;
        return true;
    }

    private static (JsonObject Record, JsonObject EntityEvent) Write()
    {
        var annotated = TestEngine.Instance.Annotate([new NerDocument("1", Text)])[0];
        var input = new InputDocument("1", Text, []);
        var record = new AnnotatedRecordWriter(OffsetUnit.Utf16).Write(input, Source, TestEngine.Instance.Model, annotated);
        var entityEvent = EntityEventWriter.Write(input, Source, TestEngine.Instance.Model, annotated.Entities[0], 0, TextOffsets.For(Text, OffsetUnit.Utf16));
        return (JsonNode.Parse(record)!.AsObject(), JsonNode.Parse(entityEvent)!.AsObject());
    }
}
