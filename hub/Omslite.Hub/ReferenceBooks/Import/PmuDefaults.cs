namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// The fields a PMU gets when a tariff import meets a code the PMU book lacks (workflows.md §6). Its start date is
/// the tariff version's valid-from date.
/// </summary>
public sealed record PmuDefaults(int Unit, int Specialty, bool Ambulatory, bool DayStationary, bool Stomatology)
{
    /// <summary>Region 25 (Primorsky Krai): unit 221, radiologist specialty 63, ambulatory only.</summary>
    public static readonly PmuDefaults Region25 = new(Unit: 221, Specialty: 63, Ambulatory: true, DayStationary: false, Stomatology: false);
}
