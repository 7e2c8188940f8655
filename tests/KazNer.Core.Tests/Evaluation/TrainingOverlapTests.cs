using KazNer.Core.Evaluation;

namespace KazNer.Core.Tests.Evaluation;

public sealed class TrainingOverlapTests
{
    [Fact]
    public void Hash_MatchesTheExportsSha256OfTheSpaceJoinedTokens()
    {
        // Python: hashlib.sha256("Қасым-Жомарт Тоқаев Астанада".encode()).hexdigest()[:16]
        Assert.Equal("801e9c2f822bd8ae", TrainingOverlap.Hash(["Қасым-Жомарт", "Тоқаев", "Астанада"]));
    }

    [Fact]
    public void Count_ShippedModelOnTheValidationText_FindsItsTrainingSentences()
    {
        var overlap = TrainingOverlap.Load(RepoPaths.DefaultModel);

        Assert.NotNull(overlap);
        var seen = overlap.Count(RepoPaths.ValidationSentences());

        // kazner-base trained on most of the validation split: well over half its sentences must be flagged,
        // and not all (held-out id groups exist).
        var total = RepoPaths.ValidationSentences().Count;
        Assert.InRange(seen, total / 2, total - 100);
    }

    [Fact]
    public void Count_FileWithIdLines_FindsWhatTheFileWithoutFinds()
    {
        var overlap = TrainingOverlap.Load(RepoPaths.DefaultModel)!;

        var withIds = overlap.Count(ConllReader.ReadFile(RepoPaths.ValidationDataWithIds).Select(s => s.Tokens));

        Assert.Equal(overlap.Count(RepoPaths.ValidationSentences()), withIds);
    }

    [Fact]
    public void Load_BundleWithoutHashes_IsNull()
    {
        var empty = Directory.CreateTempSubdirectory("kazner-no-hashes-");
        try
        {
            Assert.Null(TrainingOverlap.Load(empty.FullName));
        }
        finally
        {
            empty.Delete();
        }
    }
}
