using System.Numerics;
using System.Security.Cryptography;
using System.Text;
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

        // kazner-base 4.0 trained on the whole validation split, less the few sentences whose text is also a
        // final-check sentence of test part A.
        var total = RepoPaths.ValidationSentences().Count;
        Assert.InRange(seen, total - 50, total);
    }

    [Fact]
    public void Count_ShippedModelOnTheFinalCheck_FindsNone()
    {
        var overlap = TrainingOverlap.Load(RepoPaths.DefaultModel)!;
        var partA = ConllReader.ReadFile(RepoPaths.TestPartADataWithIds);
        var finalCheck = partA.Where(IsFinalCheck).Select(s => s.Tokens).ToList();
        var rest = partA.Where(s => !IsFinalCheck(s)).Select(s => s.Tokens).ToList();

        // training/kazner_train/data.py keeps this fifth of test part A's id groups out of every run, so a
        // shipped model must not know one of its sentences, and must know the rest of part A.
        Assert.InRange(finalCheck.Count, 1000, 1300);
        Assert.Equal(0, overlap.Count(finalCheck));
        Assert.InRange(overlap.Count(rest), rest.Count - 50, rest.Count);
    }

    // The same choice as data.is_final_check: the SHA-256 of the id number, read as a big-endian integer, is 0 mod 5.
    private static bool IsFinalCheck(ConllSentence sentence)
    {
        var number = sentence.Id![3..];
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(number));
        return new BigInteger(hash, isUnsigned: true, isBigEndian: true) % 5 == 0;
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
