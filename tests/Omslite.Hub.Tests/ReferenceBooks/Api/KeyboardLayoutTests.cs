using Omslite.Hub.ReferenceBooks.Api.Search;

namespace Omslite.Hub.Tests.ReferenceBooks.Api;

public class KeyboardLayoutTests
{
    [Theory]
    [InlineData("Ы52", "S52")]
    [InlineData("ф05ю04ю001", "a05.04.001")]
    [InlineData("С52", "C52")]
    [InlineData("S52.5", "S52.5")]
    [InlineData("ёЁхъжэбю", "`~[];',.")]
    public void Russian_layout_text_reads_as_the_latin_keys_it_was_typed_on(string typed, string meant) =>
        Assert.Equal(meant, KeyboardLayout.ToLatin(typed));

    [Theory]
    [InlineData("gthtkjv", "перелом")]
    [InlineData("Cgbyf", "Спина")]
    [InlineData("123", "123")]
    public void Latin_layout_text_reads_as_the_russian_letters_it_was_typed_on(string typed, string meant) =>
        Assert.Equal(meant, KeyboardLayout.ToRussian(typed));

    [Fact]
    public void Variants_are_the_text_and_its_other_layout_readings_without_repeats()
    {
        Assert.Equal(["Ы52", "S52"], KeyboardLayout.Variants("Ы52"));
        Assert.Equal(["42"], KeyboardLayout.Variants("42"));
    }
}
