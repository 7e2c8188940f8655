using KazNer.Core.Decoding;
using KazNer.Core.Text;

namespace KazNer.Core.Tests.Decoding;

public sealed class PersonInitialsTests
{
    private static string Widened(string text, string surname, params string[] heldByOtherEntities)
    {
        var words = KazNerdWordTokenizer.Tokenize(text, new TextSpan(0, text.Length));
        var first = words.ToList().FindIndex(w => w.Slice(text) == surname);
        var held = words.Select((w, i) => (w, i)).Where(x => heldByOtherEntities.Contains(x.w.Slice(text))).Select(x => x.i).ToHashSet();

        var from = PersonInitials.FirstWord(text, words, first, k => !held.Contains(k));

        return text[words[from].Start..words[first].End];
    }

    [Theory]
    [InlineData("Н. Жақыпов келді", "Жақыпов", "Н. Жақыпов")]
    [InlineData("Президент Қ.-Ж. Тоқаев", "Тоқаев", "Қ.-Ж. Тоқаев")]
    [InlineData("министр А. Б. Сәрсенбаев", "Сәрсенбаев", "А. Б. Сәрсенбаев")]
    [InlineData("мен Ә.Нұрланова", "Нұрланова", "Ә.Нұрланова")]
    // A hyphen with no initial before it stays outside; a lower-case letter and its dot are no initial.
    [InlineData("- Ж. Тоқаев", "Тоқаев", "Ж. Тоқаев")]
    [InlineData("т. Тоқаев", "Тоқаев", "Тоқаев")]
    [InlineData("Тоқаев", "Тоқаев", "Тоқаев")]
    public void FirstWord_InitialsBeforeTheSurname_JoinThePerson(string text, string surname, string expected)
    {
        Assert.Equal(expected, Widened(text, surname));
    }

    [Fact]
    public void FirstWord_InitialHeldByAnotherEntity_IsNotTaken()
    {
        Assert.Equal("Б. Сәрсенбаев", Widened("А. Б. Сәрсенбаев", "Сәрсенбаев", "А"));
    }
}
