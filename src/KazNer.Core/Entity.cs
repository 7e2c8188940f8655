namespace KazNer.Core;

/// <summary>A named entity: offsets into the original document, score = mean probability of its words.</summary>
public sealed record Entity(string Type, string Text, int Start, int End, float Score, int Sentence);
