namespace KazNer.Core.Morphology;

/// <summary>Which <see cref="StrippingPolicy"/> a KazNERD entity type gets.</summary>
internal static class EntityTypePolicy
{
    public static StrippingPolicy Of(string type) => type switch
    {
        "ADAGE" or "CONTACT" => StrippingPolicy.None,
        "CARDINAL" or "ORDINAL" or "DATE" or "TIME" or "MONEY" or "QUANTITY" or "PERCENTAGE" => StrippingPolicy.EvidenceOnly,
        _ => StrippingPolicy.Full,
    };
}
