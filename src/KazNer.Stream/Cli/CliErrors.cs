using System.Text.Json;
using KazNer.Core.Model;

namespace KazNer.Stream.Cli;

/// <summary>Turns the failures a user can cause into one readable line and a non-zero exit code.</summary>
internal static class CliErrors
{
    /// <summary>A setting or argument is invalid (what `kazner run` returns for bad configuration).</summary>
    public const int ConfigurationError = 2;
    public const int InputError = 3;
    public const int ModelError = 4;

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (ModelBundleException e)
        {
            return Fail($"model: {e.Message}", ModelError);
        }
        catch (CliInputException e)
        {
            return Fail(e.Message, InputError);
        }
        catch (KazNer.Core.Evaluation.ConllFormatException e)
        {
            return Fail(e.Message, InputError);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return Fail(e.Message, InputError);
        }
        catch (JsonException e)
        {
            return Fail($"invalid JSON: {e.Message}", InputError);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled", 130);
        }
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"kazner: {message}");
        return code;
    }
}
