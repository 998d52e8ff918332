using Npgsql;
using Omslite.Sdk.Registry;

namespace Omslite.Hub.Registry;

/// <summary>
/// The MO's own reference rows a registry case refers to (registry-pack-25.md §3): local specialties, doctors, local
/// MO codes, appointment services by profile and the tariff versions with their prices. A few hundred rows, read
/// once per run and looked up for every case here rather than joined to every row of the month's query: the joins
/// were a quarter of the database's work of reading 100 000 cases, and each looked-up value a column more to send.
/// Each lookup gives what the left join on the table's key gave.
/// </summary>
internal sealed class RegistryLookups
{
    private readonly Dictionary<int, RegistrySpecialty> _specialties = [];
    private readonly Dictionary<(int Spec, int Code), string> _doctors = [];
    private readonly Dictionary<string, string> _moCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<int, AppointmentService> _appointments = [];
    private readonly List<(DateOnly From, Dictionary<string, decimal> Prices)> _tariffs = [];

    /// <summary>Reads the MO's rows (one round trip).</summary>
    public static async Task<RegistryLookups> ReadAsync(NpgsqlConnection conn, int moId, CancellationToken ct)
    {
        var lookups = new RegistryLookups();
        await using var batch = new NpgsqlBatch(conn)
        {
            BatchCommands =
            {
                Command("select spec, prvs, profil from local_specialty where mo_id = $1", moId),
                Command("select spec, code, snils from doctor where mo_id = $1 and not deleted", moId),
                Command("select short_code, code from mo_local where mo_id = $1", moId),
                Command("select profil, one_visit, two_visit, podr from profile_service where mo_id = $1", moId),
                Command(
                    """
                    select tv.valid_from, t.code, t.price
                    from tariff_version tv left join tariff t on t.version_id = tv.id
                    where tv.mo_id = $1 order by tv.valid_from
                    """,
                    moId),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lookups._specialties[reader.GetInt32(0)] = new RegistrySpecialty(IntOrNull(reader, 1), IntOrNull(reader, 2));
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lookups._doctors[(reader.GetInt32(0), reader.GetInt32(1))] = reader.GetString(2);
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lookups._moCodes[reader.GetString(0)] = reader.GetString(1);
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lookups._appointments[reader.GetInt32(0)] =
                new AppointmentService(TextOrNull(reader, 1), TextOrNull(reader, 2), IntOrNull(reader, 3));
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var from = reader.GetFieldValue<DateOnly>(0);
            if (lookups._tariffs.Count == 0 || lookups._tariffs[^1].From != from)
            {
                lookups._tariffs.Add((from, new Dictionary<string, decimal>(StringComparer.Ordinal)));
            }

            if (!reader.IsDBNull(1))
            {
                lookups._tariffs[^1].Prices[reader.GetString(1)] = reader.GetDecimal(2);
            }
        }

        return lookups;
    }

    /// <summary>The local specialty <paramref name="spec"/> (its V021 and V002 codes), null when the MO has none.</summary>
    public RegistrySpecialty? Specialty(int? spec) => spec is { } s && _specialties.TryGetValue(s, out var found) ? found : null;

    /// <summary>The SNILS of the MO's doctor (not deleted) with that specialty and code.</summary>
    public string? DoctorSnils(int? spec, int? code) =>
        spec is { } s && code is { } c && _doctors.TryGetValue((s, c), out var snils) ? snils : null;

    /// <summary>The six-digit code of the MO's local short code of another MO.</summary>
    public string? MoCode(string? shortCode) => shortCode is not null && _moCodes.TryGetValue(shortCode, out var code) ? code : null;

    /// <summary>The appointment services of a V002 profile.</summary>
    public AppointmentService? Appointment(int? profil) => profil is { } p && _appointments.TryGetValue(p, out var found) ? found : null;

    /// <summary>The price of <paramref name="code"/> in the tariff version in effect on <paramref name="date"/> (the
    /// latest one that started by then, D6).</summary>
    public decimal? Tariff(string code, DateOnly? date)
    {
        if (date is not { } day)
        {
            return null;
        }

        // Versions are few and in date order: the last one that started by then.
        for (var i = _tariffs.Count - 1; i >= 0; i--)
        {
            if (_tariffs[i].From <= day)
            {
                return _tariffs[i].Prices.TryGetValue(code, out var price) ? price : null;
            }
        }

        return null;
    }

    private static NpgsqlBatchCommand Command(string sql, int moId) => new(sql) { Parameters = { new NpgsqlParameter<int> { TypedValue = moId } } };

    private static int? IntOrNull(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt32(column);

    private static string? TextOrNull(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
