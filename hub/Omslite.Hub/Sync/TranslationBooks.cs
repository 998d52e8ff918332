using Dapper;
using Npgsql;

namespace Omslite.Hub.Sync;

/// <summary>
/// The MO's local books a run translates federal codes with: doctors by SNILS, local specialties by PRVS/profile,
/// local MOs by F003 code. Loaded once per run; a doctor the MO does not have yet (known SNILS and specialty) is added
/// to the doctors book, so synced visits name a real doctor.
/// </summary>
public sealed class TranslationBooks
{
    private readonly Dictionary<string, (int Spec, int Code)> _doctors;
    private readonly Dictionary<(int Prvs, int Profile), int> _specialties;
    private readonly Dictionary<int, int> _specialtiesByPrvs;
    private readonly Dictionary<string, string> _localMos;

    private TranslationBooks(
        int moId, string moShortCode, Dictionary<string, (int, int)> doctors, Dictionary<(int, int), int> specialties,
        Dictionary<string, string> localMos)
    {
        MoId = moId;
        MoShortCode = moShortCode;
        _doctors = doctors;
        _specialties = specialties;
        _specialtiesByPrvs = specialties.GroupBy(s => s.Key.Item1).ToDictionary(g => g.Key, g => g.Min(s => s.Value));
        _localMos = localMos;
    }

    public int MoId { get; }

    public string MoShortCode { get; }

    public static async Task<TranslationBooks> LoadAsync(NpgsqlConnection conn, int moId, CancellationToken ct)
    {
        var shortCode = await conn.ExecuteScalarAsync<string>(new CommandDefinition("select short_code from mo where id = @moId", new { moId }, cancellationToken: ct));
        var doctors = (await conn.QueryAsync<(string Snils, int Spec, int Code)>(new CommandDefinition(
                "select snils, spec, code from doctor where mo_id = @moId and not deleted order by spec, code", new { moId }, cancellationToken: ct)))
            .GroupBy(d => d.Snils).ToDictionary(g => g.Key, g => (g.First().Spec, g.First().Code));
        var specialties = (await conn.QueryAsync<(int Prvs, int Profil, int Spec)>(new CommandDefinition(
                "select prvs, profil, spec from local_specialty where mo_id = @moId and prvs is not null and profil is not null order by spec",
                new { moId }, cancellationToken: ct)))
            .GroupBy(s => (s.Prvs, s.Profil)).ToDictionary(g => g.Key, g => g.First().Spec);
        var localMos = (await conn.QueryAsync<(string Code, string ShortCode)>(new CommandDefinition(
                "select code, short_code from mo_local where mo_id = @moId order by short_code", new { moId }, cancellationToken: ct)))
            .GroupBy(m => m.Code).ToDictionary(g => g.Key, g => g.First().ShortCode);
        return new TranslationBooks(moId, shortCode ?? "", doctors, specialties, localMos);
    }

    /// <summary>The local specialty of a PRVS/profile pair.</summary>
    public int? Specialty(int? prvs, int? profile) =>
        prvs is { } p && profile is { } f && _specialties.TryGetValue((p, f), out var spec) ? spec : null;

    /// <summary>A local specialty with this PRVS (for a referring doctor, whose profile is unknown).</summary>
    public int? SpecialtyOfPrvs(int? prvs) => prvs is { } p && _specialtiesByPrvs.TryGetValue(p, out var spec) ? spec : null;

    /// <summary>The 3-character short code of an F003 code: from the local MO book, else its last three digits (D2.7).</summary>
    public string? ShortMoCode(string? f003) =>
        f003 is null ? null : _localMos.TryGetValue(f003, out var shortCode) ? shortCode : f003.Length == 6 ? f003[3..] : f003;

    /// <summary>The doctor with this SNILS, added to the MO's doctors (in <paramref name="spec"/>) when missing.</summary>
    public async Task<(int Spec, int Code)?> DoctorAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string? snils, string? name, int? spec, CancellationToken ct)
    {
        if (snils is null)
        {
            return null;
        }

        if (_doctors.TryGetValue(snils, out var known))
        {
            return known;
        }

        if (spec is null)
        {
            return null;
        }

        var code = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into doctor (mo_id, code, spec, family, snils)
            values (@MoId, (select coalesce(max(code), 0) + 1 from doctor where mo_id = @MoId and spec = @spec), @spec, @name, @snils)
            returning code
            """,
            new { MoId, spec, name = name ?? $"Врач СНИЛС {snils}", snils }, tx, cancellationToken: ct));
        _doctors[snils] = (spec.Value, code);
        return (spec.Value, code);
    }
}
