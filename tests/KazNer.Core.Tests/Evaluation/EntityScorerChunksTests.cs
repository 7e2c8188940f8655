using KazNer.Core.Evaluation;

namespace KazNer.Core.Tests.Evaluation;

public sealed class EntityScorerChunksTests
{
    [Fact]
    public void Chunks_InsideAtSentenceStart_StartsAnEntity()
    {
        Assert.Equal([("PERSON", 0, 2)], EntityScorer.Chunks(["I-PERSON", "I-PERSON", "O"]));
    }

    [Fact]
    public void Chunks_TypeChangeInsideEntity_GivesTwoEntities()
    {
        Assert.Equal([("PERSON", 0, 1), ("LOC", 1, 3)], EntityScorer.Chunks(["B-PERSON", "I-LOC", "I-LOC"]));
    }

    [Fact]
    public void Chunks_BeginAfterBeginOfSameType_GivesTwoEntities()
    {
        Assert.Equal([("GPE", 0, 1), ("GPE", 1, 2)], EntityScorer.Chunks(["B-GPE", "B-GPE"]));
    }

    [Fact]
    public void Chunks_InsideAfterOutside_StartsANewEntity()
    {
        Assert.Equal([("ORG", 0, 1), ("ORG", 2, 3)], EntityScorer.Chunks(["B-ORG", "O", "I-ORG"]));
    }

    [Fact]
    public void Chunks_EntityAtSentenceEnd_EndsAtLabelCount()
    {
        Assert.Equal([("DATE", 1, 3)], EntityScorer.Chunks(["O", "B-DATE", "I-DATE"]));
    }

    [Theory]
    [InlineData]
    [InlineData("O", "O", "O")]
    public void Chunks_NoEntityLabels_ReturnsNone(params string[] labels)
    {
        Assert.Empty(EntityScorer.Chunks(labels));
    }

    [Fact]
    public void Chunks_InvalidLabel_Throws()
    {
        Assert.Throws<ArgumentException>(() => EntityScorer.Chunks(["O", "S-PERSON"]));
    }
}
