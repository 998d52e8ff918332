namespace Omslite.Hub.Api;

/// <summary>What every form does with typed text: blank means absent, the rest is trimmed.</summary>
public static class TextInput
{
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string? Upper(string? value) => Clean(value)?.ToUpperInvariant();
}
