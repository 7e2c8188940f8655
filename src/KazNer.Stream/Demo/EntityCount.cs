namespace KazNer.Stream.Demo;

/// <summary>An entity's mentions: how many, and in how many written forms.</summary>
internal sealed record EntityCount(string Key, string Type, string Canonical, int Mentions, int Forms);
