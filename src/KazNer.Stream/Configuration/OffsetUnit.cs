namespace KazNer.Stream.Configuration;

/// <summary>What the <c>start</c> and <c>end</c> of sentences, entities and tokens count.</summary>
public enum OffsetUnit
{
    /// <summary>UTF-16 code units: .NET, Java and JavaScript string indices.</summary>
    Utf16,

    /// <summary>Unicode code points: Python <c>str</c> indices.</summary>
    CodePoint,
}
