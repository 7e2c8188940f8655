namespace KazNer.Core.Morphology;

/// <summary>How a stem ends, which decides the first consonant of the case suffix that follows it.</summary>
[Flags]
internal enum StemEnding
{
    None = 0,

    /// <summary>A vowel: Астана-ның, Астана-ға, Астана-ны.</summary>
    Vowel = 1,

    /// <summary>м, н, ң: Қазақстан-ның, Қазақстан-нан.</summary>
    Nasal = 2,

    /// <summary>л, р, й, у: Ресей-дің, Атырау-дан.</summary>
    Sonorant = 4,

    /// <summary>ж, з: Тараз-дың, Тараз-бен.</summary>
    VoicedSibilant = 8,

    /// <summary>Voiceless consonants, and б в г д as Kazakh pronounces them at a word's end: Тоқаев-тың, Шымкент-ке.</summary>
    Voiceless = 16,

    /// <summary>The third-person possessive -ы/-і/-сы/-сі, after which cases take an n: облысы-на, облысы-нда, облысы-н.</summary>
    Possessive = 32,
}
