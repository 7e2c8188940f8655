using System.Text.Json;
using KazNer.Core.Evaluation;
using KazNer.Core.Inference;
using KazNer.Core.Model;

namespace KazNer.Stream.Cli;

/// <summary>Turns the failures a user can cause into one readable line and a non-zero exit code.</summary>
internal static class CliErrors
{
    /// <summary>Something the command cannot classify; the line still names the exception, never a stack trace.</summary>
    public const int UnexpectedError = 1;

    /// <summary>A setting or argument is invalid (also what `kazner run` returns for bad configuration).</summary>
    public const int ConfigurationError = 2;

    /// <summary>The input (a file, a line, a document) is unusable; the line names <c>file:line</c>.</summary>
    public const int InputError = 3;

    /// <summary>The model bundle or the device cannot be used.</summary>
    public const int ModelError = 4;

    public const int Cancelled = 130;

    private const string DevBrokerAssembly = "KazNer.DevBroker";

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var (code, message) = Classify(e);
            return Fail(message, code);
        }
    }

    /// <summary>The exit code and the one line for an exception that reached the edge of a command.</summary>
    public static (int Code, string Message) Classify(Exception exception) => exception switch
    {
        ModelBundleException e => (ModelError, $"model: {e.Message}"),
        DeviceUnavailableException e => (ModelError, $"device: {e.Message}"),
        CliInputException e => (InputError, e.Message),
        ConllFormatException e => (InputError, e.Message),
        FileNotFoundException { FileName: { } file } when file.StartsWith(DevBrokerAssembly, StringComparison.Ordinal) =>
            (ConfigurationError, "the development broker (dev-broker, run --demo) is not in this build: the production image leaves it out; run those from a source build"),
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException => (InputError, OneLine(exception.Message)),
        JsonException e => (InputError, $"invalid JSON: {OneLine(e.Message)}"),
        OperationCanceledException => (Cancelled, "cancelled"),
        _ => (UnexpectedError, $"unexpected error: {exception.GetType().Name}: {OneLine(exception.Message)}"),
    };

    public static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"kazner: {message}");
        return code;
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
