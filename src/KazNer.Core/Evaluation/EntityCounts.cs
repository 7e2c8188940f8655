namespace KazNer.Core.Evaluation;

/// <summary>Entities of one type: in gold, predicted, and predicted with exactly the gold span.</summary>
internal readonly record struct EntityCounts(int Gold, int Predicted, int Correct)
{
    public static EntityCounts operator +(EntityCounts left, EntityCounts right) =>
        new(left.Gold + right.Gold, left.Predicted + right.Predicted, left.Correct + right.Correct);
}
