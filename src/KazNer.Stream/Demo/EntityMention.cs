namespace KazNer.Stream.Demo;

/// <summary>One entity mention as a reader of the output topics sees it.</summary>
internal sealed record EntityMention(string Type, string Text, string Canonical, string Key);
