namespace KazNer.Stream.Cli;

/// <summary>Bad input from the user (a file, a line, a value); the message is shown as is.</summary>
internal sealed class CliInputException(string message, Exception? inner = null) : Exception(message, inner);
