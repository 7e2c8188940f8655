using System.CommandLine;
using System.Text;
using KazNer.Core;
using KazNer.Core.Evaluation;
using KazNer.Stream.Cli;

namespace KazNer.Stream.Commands;

internal static class EvalCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data", "-d") { Description = "CoNLL IOB2 gold file: `token LABEL` per line, a blank line between sentences; a KazNERD id line heading a sentence (`AID283875 O`) is its id, not a token", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (micro, macro, weighted, classes) instead of the table" };
        var predictions = new Option<FileInfo?>("--predictions") { Description = "Write `token gold predicted` lines here, for conlleval" };
        var model = new ModelArguments();
        var command = new Command("eval", "Exact-match entity scores of the model on gold-tokenized CoNLL data") { data, json, predictions };
        model.AddTo(command);
        command.SetAction((result, cancellation) => CliErrors.RunAsync(() =>
        {
            var file = result.GetRequiredValue(data);
            if (Directory.Exists(file.FullName))
            {
                throw new CliInputException($"{file.FullName}: is a directory");
            }

            if (!file.Exists)
            {
                throw new CliInputException($"{file.FullName}: no such file");
            }

            var gold = ConllReader.ReadFile(file.FullName);
            using var logging = CliLogging.Create();
            var options = model.ToOptions(result);
            using var engine = NerEngine.Load(options, logging.CreateLogger<NerEngine>());
            WarnAboutTrainingOverlap(options.ResolvePath(), gold, file.Name, engine.Model);
            CheckLabels(gold, engine.Model.Labels, file.Name);
            var predicted = engine.LabelWords([.. gold.Select(s => s.Tokens)], cancellation);
            var scorer = new EntityScorer();
            foreach (var (sentence, labels) in gold.Zip(predicted))
            {
                scorer.Add(sentence.Labels, labels);
            }

            if (result.GetValue(predictions) is { } output)
            {
                WritePredictions(output, gold, predicted);
            }

            var report = scorer.Report();
            Console.WriteLine(result.GetValue(json)
                ? report.ToJson()
                : $"{engine.Model.Name} {engine.Model.Version} on {file.Name}: {gold.Count} sentences, {gold.Sum(s => s.Tokens.Count)} tokens{Environment.NewLine}{Environment.NewLine}{report.FormatTable()}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void WarnAboutTrainingOverlap(string bundle, IReadOnlyList<ConllSentence> gold, string source, ModelInfo model)
    {
        var seen = TrainingOverlap.Load(bundle)?.Count(gold.Select(s => s.Tokens)) ?? 0;
        if (seen > 0)
        {
            Console.Error.WriteLine(
                $"kazner: warning: {seen} of {gold.Count} sentences in {source} are in the training data of {model.Name} {model.Version}; " +
                "scores on them overstate what it does on unseen text");
        }
    }

    private static void CheckLabels(IReadOnlyList<ConllSentence> gold, IReadOnlyList<string> known, string source)
    {
        var labels = known.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < gold.Count; i++)
        {
            if (gold[i].Labels.FirstOrDefault(l => !labels.Contains(l)) is { } unknown)
            {
                throw new CliInputException($"{source}: sentence {i + 1}: label '{unknown}' is not one of the model's labels");
            }
        }
    }

    private static void WritePredictions(FileInfo file, IReadOnlyList<ConllSentence> gold, IReadOnlyList<IReadOnlyList<string>> predicted)
    {
        using var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(false));
        foreach (var (sentence, labels) in gold.Zip(predicted))
        {
            for (var w = 0; w < sentence.Tokens.Count; w++)
            {
                writer.WriteLine($"{sentence.Tokens[w]} {sentence.Labels[w]} {labels[w]}");
            }

            writer.WriteLine();
        }
    }
}
