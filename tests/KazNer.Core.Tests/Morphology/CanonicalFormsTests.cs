using KazNer.Core.Morphology;

namespace KazNer.Core.Tests.Morphology;

public sealed class CanonicalFormsTests
{
    private static readonly CanonicalForms Forms = CanonicalForms.Default;

    [Theory]
    [InlineData("Астанада", "Астана")]
    [InlineData("Астанаға", "Астана")]
    [InlineData("Астананың", "Астана")]
    [InlineData("Астанадағы", "Астана")]
    [InlineData("Астанадан", "Астана")]
    [InlineData("Астананы", "Астана")]
    [InlineData("Қазақстанның", "Қазақстан")]
    [InlineData("Қазақстаннан", "Қазақстан")]
    [InlineData("Қазақстандағы", "Қазақстан")]
    [InlineData("Ресейдің", "Ресей")]
    [InlineData("Мәскеуде", "Мәскеу")]
    [InlineData("Шымкентке", "Шымкент")]
    [InlineData("Таразбен", "Тараз")]
    [InlineData("Иранмен", "Иран")]
    [InlineData("Канадада", "Канада")]
    [InlineData("Ригада", "Рига")]
    [InlineData("Данияны", "Дания")]
    [InlineData("Қарағандыда", "Қарағанды")]
    [InlineData("Қызылордада", "Қызылорда")]
    [InlineData("АҚШ-тың", "АҚШ")]
    [InlineData("БҰҰ-да", "БҰҰ")]
    public void Of_InflectedPlace_ComesBackToItsName(string mention, string canonical) =>
        Assert.Equal(canonical, Forms.Of("GPE", mention));

    [Theory]
    [InlineData("Канада")]
    [InlineData("Флорида")]
    [InlineData("Уганда")]
    [InlineData("Рига")]
    [InlineData("Қызылорда")]
    [InlineData("Қарағанды")]
    [InlineData("Судан")]
    [InlineData("Өскемен")]
    [InlineData("Түркістан")]
    [InlineData("Алтын Орда")]
    public void Of_NameThatEndsLikeASuffix_StaysWhole(string name) =>
        Assert.Equal(name, Forms.Of("GPE", name));

    [Theory]
    [InlineData("LOCATION", "Қарағанды облысындағы", "Қарағанды облысы")]
    [InlineData("GPE", "Алматы облысына", "Алматы облысы")]
    [InlineData("GPE", "Маңғыстау облысынан", "Маңғыстау облысы")]
    [InlineData("GPE", "Америка Құрама Штаттарында", "Америка Құрама Штаттары")]
    [InlineData("ORGANISATION", "Назарбаев Университетінде", "Назарбаев Университеті")]
    [InlineData("ORGANISATION", "Қорғаныс министрлігінің", "Қорғаныс министрлігі")]
    [InlineData("ORGANISATION", "Ақпарат және қоғамдық даму министрлігіне", "Ақпарат және қоғамдық даму министрлігі")]
    [InlineData("FACILITY", "Семей ядролық полигонын", "Семей ядролық полигоны")]
    [InlineData("GPE", "Америка Құрама Штаттары", "Америка Құрама Штаттары")]
    [InlineData("ORGANISATION", "Қорғаныс министрлігі", "Қорғаныс министрлігі")]
    public void Of_PossessiveOfTheName_Stays(string type, string mention, string canonical) =>
        Assert.Equal(canonical, Forms.Of(type, mention));

    [Theory]
    [InlineData("Қасым-Жомарт Тоқаевтың", "Қасым-Жомарт Тоқаев")]
    [InlineData("Қасым-Жомарт Тоқаевқа", "Қасым-Жомарт Тоқаев")]
    [InlineData("Қасым-Жомарт Тоқаевпен", "Қасым-Жомарт Тоқаев")]
    [InlineData("Нұрсұлтан Назарбаевты", "Нұрсұлтан Назарбаев")]
    [InlineData("Асқар Маминге", "Асқар Мамин")]
    [InlineData("Жанар Толыбаеваға", "Жанар Толыбаева")]
    [InlineData("Абайдың", "Абай")]
    [InlineData("Мәлібековтікі", "Мәлібеков")]
    [InlineData("Индира Рыстина", "Индира Рыстина")]
    [InlineData("Ләззат Сүлеймен", "Ләззат Сүлеймен")]
    public void Of_Person_LosesTheCaseOfTheSurnameOnly(string mention, string canonical) =>
        Assert.Equal(canonical, Forms.Of("PERSON", mention));

    [Fact]
    public void Of_UnknownSurname_LosesAGenitiveWithoutEvidenceButNotALocative()
    {
        Assert.Equal("Жақсыбековтың", Forms.Of("ADAGE", "Жақсыбековтың"));
        // The surname's -ов follows the root's vowels: Зыңғырбек-ов-тің, Зыңғырбай-ұлы-ның.
        Assert.Equal("Зыңғырбеков", Forms.Of("PERSON", "Зыңғырбековтің"));
        Assert.Equal("Зыңғырбековтың", Forms.Of("PERSON", "Зыңғырбековтың"));
        Assert.Equal("Зыңғырбайұлы", Forms.Of("PERSON", "Зыңғырбайұлының"));
        Assert.Equal("Зыңғыр", Forms.Of("PERSON", "Зыңғырдың"));
        Assert.Equal("Зыңғырда", Forms.Of("PERSON", "Зыңғырда"));
    }

    [Fact]
    public void Of_BareFormElsewhereInTheDocument_IsEvidence()
    {
        const string mention = "Зыңғыртауда";
        Assert.Equal(mention, Forms.Of("GPE", mention));
        Assert.Equal("Зыңғыртау", Forms.Of("GPE", mention, new HashSet<string> { "Зыңғыртау", "ауылы" }));
    }

    [Theory]
    [InlineData("MONEY", "100 долларға", "100 доллар")]
    [InlineData("MONEY", "5 миллиард теңгеден", "5 миллиард теңге")]
    [InlineData("QUANTITY", "20 километрге", "20 километр")]
    [InlineData("CARDINAL", "2020-ға", "2020-ға")]
    [InlineData("DATE", "2020 жылдың", "2020 жыл")]
    [InlineData("CONTACT", "info@kazner.kz", "info@kazner.kz")]
    public void Of_NumericType_OnlyTheUnitWordLosesItsSuffix(string type, string mention, string canonical) =>
        Assert.Equal(canonical, Forms.Of(type, mention));

    [Fact]
    public void Key_SameEntityInDifferentForms_IsOneKey()
    {
        string[] mentions = ["Астана", "Астанада", "Астанаға", "Астананың", "Астанадағы"];
        var keys = mentions
            .Select(m => EntityKey.Of("GPE", Forms.Of("GPE", m)))
            .Distinct()
            .ToList();

        Assert.Equal(["GPE:Астана"], keys);
    }

    [Fact]
    public void Key_NormalisesUnicodeWhitespaceAndDashes()
    {
        Assert.Equal("GPE:Нұр-Сұлтан", EntityKey.Of("GPE", "Нұр\u2013Сұлтан"));
        Assert.Equal("ORGANISATION:Қазақстан Үкіметі", EntityKey.Of("ORGANISATION", " Қазақстан \n Үкіметі "));

        // Ё written as Е plus a combining diaeresis is the same letter once composed.
        Assert.Equal("PERSON:Пётр", EntityKey.Of("PERSON", "Пе\u0308тр"));

        // Latin i typed for Kazakh і inside a Cyrillic word; a Latin name stays Latin.
        Assert.Equal("GPE:Өскемен", EntityKey.Of("GPE", "Өскемен"));
        Assert.Equal("LOCATION:Ертіс", EntityKey.Of("LOCATION", "Ертiс"));
        Assert.Equal("ORGANISATION:Apple", EntityKey.Of("ORGANISATION", "Apple"));
    }
}
