namespace Omslite.Hub.Patients;

/// <summary>The policy type (F008 VPOLIS) a series/number pair implies (ui.md §3.3 "Derived fields").</summary>
public static class PolicyKind
{
    public const int Unknown = 0;
    public const int Old = 1;
    public const int TemporaryCertificate = 2;
    public const int Enp = 3;

    public static int Of(string? series, string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return Unknown;
        }

        if (string.IsNullOrEmpty(series))
        {
            return number.Length switch
            {
                16 => Enp,
                9 => TemporaryCertificate,
                _ => Unknown,
            };
        }

        return Old;
    }
}
