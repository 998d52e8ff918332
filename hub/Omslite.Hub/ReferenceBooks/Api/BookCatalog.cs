using Omslite.Hub.ReferenceBooks.Api.Books;

namespace Omslite.Hub.ReferenceBooks.Api;

/// <summary>Every book the API serves, in menu order; ids are matched case-insensitively.</summary>
public static class BookCatalog
{
    public static readonly IReadOnlyList<BookDescriptor> All =
    [
        DoctorBook.Descriptor,
        RegionalBooks.MoLocal,
        RegionalBooks.SmoLocal,
        CardNumberTemplateBook.Descriptor,
        SpecialtyBooks.LocalSpecialties,
        SpecialtyBooks.ProfileServices,
        .. LocalLookupBooks.All,
        PmuBooks.Pmu,
        PmuBooks.Groups,
        TariffBook.Descriptor,
        TariffVersionBook.Descriptor,
        .. FederalBooks.All,
    ];

    public static BookDescriptor? Find(string id) =>
        All.FirstOrDefault(b => string.Equals(b.Id, id, StringComparison.OrdinalIgnoreCase));
}
