namespace KazNer.Core.Decoding;

/// <summary>How sure the model is of one word's label and of one entity, each a probability in [0, 1].</summary>
internal interface IEntityScores
{
    float Word(int word, int label);

    /// <summary>The words first..last tagged begin, inside, …, inside, and the entity ending at last.</summary>
    float Span(int first, int last, int begin, int inside);
}
