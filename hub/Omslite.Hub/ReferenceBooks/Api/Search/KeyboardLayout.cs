namespace Omslite.Hub.ReferenceBooks.Api.Search;

/// <summary>
/// The "translit" fix of ui.md §1.3(h): text typed in the wrong keyboard layout, mapped key by key between the
/// Russian ЙЦУКЕН and the Latin QWERTY layouts. A user who types "Ы52" with the Russian layout on means "S52";
/// "ф05ю04" means "a05.04".
/// </summary>
public static class KeyboardLayout
{
    private const string RussianKeys = "йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ";
    private const string LatinKeys = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~";

    private static readonly Dictionary<char, char> ToLatinMap = Pairs(RussianKeys, LatinKeys);
    private static readonly Dictionary<char, char> ToRussianMap = Pairs(LatinKeys, RussianKeys);

    /// <summary>The text as if typed with the Latin layout: Russian letters become the Latin keys they sit on.</summary>
    public static string ToLatin(string text) => Map(text, ToLatinMap);

    /// <summary>The text as if typed with the Russian layout: Latin keys become the Russian letters on them.</summary>
    public static string ToRussian(string text) => Map(text, ToRussianMap);

    /// <summary>The text itself and its readings in the other layout, without repeats.</summary>
    public static IReadOnlyList<string> Variants(string text) => new[] { text, ToLatin(text), ToRussian(text) }.Distinct().ToList();

    private static string Map(string text, Dictionary<char, char> map) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = map.GetValueOrDefault(source[i], source[i]);
            }
        });

    private static Dictionary<char, char> Pairs(string from, string to) =>
        from.Zip(to).ToDictionary(p => p.First, p => p.Second);
}
