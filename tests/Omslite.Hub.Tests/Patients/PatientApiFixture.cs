using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Patients;

/// <summary>A hub with MO 250796 and its operator, shared by the patient API tests (each test uses its own cards).</summary>
public sealed class PatientApiFixture : IAsyncLifetime
{
    public TestHub Hub { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public int MoId { get; private set; }

    public async Task InitializeAsync()
    {
        Hub = await TestHub.StartAsync();
        MoId = await Hub.AddMoAsync("250796", "Центр КТ");
        await Hub.AddUserAsync("operator", Roles.Operator, "250796");
        Operator = await Hub.LoginAsync("operator");
        await using var conn = Hub.OpenConnection();
        await conn.ExecuteAsync(
            """
            insert into nsi_book (book, name) values ('F011', 'ДУЛ'), ('UFMS', 'УФМС');
            insert into nsi_entry (book, code, name, attrs) values
              ('F011', '14', 'Паспорт гражданина РФ', '{"serialTpl": "99 99", "numberTpl": "9999990"}'),
              ('UFMS', '250001', 'Отделом УФМС России по Приморскому краю', '{}');
            insert into smo_local (mo_id, code, okato, name) values (@MoId, '25011', '05000', 'ВС Альянс');
            """,
            new { MoId });
    }

    public async Task DisposeAsync() => await Hub.DisposeAsync();

    private int _next = 1000;

    /// <summary>A card that passes every rule; tests change one field of it.</summary>
    public Dictionary<string, object?> ValidCard() => new()
    {
        ["cardNumber"] = Interlocked.Increment(ref _next).ToString(),
        ["fam"] = "Иванов",
        ["im"] = "Иван",
        ["ot"] = "Иванович",
        ["sex"] = "м",
        ["birthDate"] = "1980-05-17",
        ["policyNumber"] = "2512345678901234",
        ["smo"] = "25011",
    };
}
