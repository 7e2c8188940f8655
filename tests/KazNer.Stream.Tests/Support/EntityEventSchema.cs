using System.Text.Json;

namespace KazNer.Stream.Tests.Support;

/// <summary>schemas/entity-event.v1.schema.json, and the checks every entity event must pass.</summary>
internal static class EntityEventSchema
{
    /// <summary>Asserts the event validates and that its text is the input text at its offsets.</summary>
    public static JsonDocument AssertValid(byte[] value, string inputText)
    {
        var entityEvent = SchemaFiles.AssertValid(SchemaFiles.EntityEvent, value);
        var root = entityEvent.RootElement;
        Assert.Equal(inputText[root.GetProperty("start").GetInt32()..root.GetProperty("end").GetInt32()], root.GetProperty("text").GetString());
        return entityEvent;
    }
}
