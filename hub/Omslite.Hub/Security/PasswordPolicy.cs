namespace Omslite.Hub.Security;

/// <summary>
/// The spec leaves password rules open; users expect a minimum length and nothing more (no composition rules,
/// which only push people to write passwords down).
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 8;

    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumLength
            ? $"Пароль должен быть не короче {MinimumLength} символов"
            : null;
}
