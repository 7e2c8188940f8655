namespace KazNer.Core.Evaluation;

/// <summary>A CoNLL file has a line that is not <c>token … LABEL</c> with an IOB2 label.</summary>
public sealed class ConllFormatException : FormatException
{
    public ConllFormatException()
    {
    }

    public ConllFormatException(string message)
        : base(message)
    {
    }

    public ConllFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConllFormatException(string fileName, int lineNumber, string problem)
        : base($"{fileName}:{lineNumber}: {problem}")
    {
    }
}
