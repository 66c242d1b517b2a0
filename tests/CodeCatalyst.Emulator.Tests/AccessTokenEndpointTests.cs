using System.Text.Json;

namespace CodeCatalyst.Emulator.Tests;

public sealed class AccessTokenEndpointTests
{
    private const string AccessTokensPath = "/v1/accessTokens";

    [Fact]
    public async Task Create_access_token_answers_201_with_the_secret_and_a_one_year_expiry_by_default()
    {
        var clock = new ManualClock();
        await using var emulator = await TestEmulator.StartWithClockAsync(clock);

        using var response = await emulator.PutJsonAsync(AccessTokensPath, """{"name":"ci-runner"}""");

        var token = await TestEmulator.ReadSuccessAsync(response, 201);
        Assert.Equal(["accessTokenId", "expiresTime", "name", "secret"], TestEmulator.MemberNames(token));
        Assert.Equal("ci-runner", token.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("secret").GetString()));
        Assert.Equal(clock.GetUtcNow().AddYears(1), DateTimeOffset.Parse(token.GetProperty("expiresTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task List_access_tokens_never_returns_a_secret()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var secrets = new List<string>();
        foreach (var name in new[] { "first", "second" })
        {
            using var created = await emulator.PutJsonAsync(AccessTokensPath, JsonSerializer.Serialize(new { name, expiresTime = "2099-01-01T00:00:00Z" }));
            secrets.Add((await TestEmulator.ReadSuccessAsync(created, 201)).GetProperty("secret").GetString()!);
        }

        using var listed = await emulator.PostJsonAsync(AccessTokensPath);
        var text = await listed.Content.ReadAsStringAsync();

        var items = (await TestEmulator.ReadSuccessAsync(listed, 200)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["first", "second"], items.Select(item => item.GetProperty("name").GetString()));
        Assert.All(items, item => Assert.Equal(["expiresTime", "id", "name"], TestEmulator.MemberNames(item)));
        Assert.Equal("2099-01-01T00:00:00.000Z", items[0].GetProperty("expiresTime").GetString());
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_access_tokens_pages_by_ten_unless_asked_for_fewer()
    {
        await using var emulator = await TestEmulator.StartAsync();
        for (var index = 0; index < 12; index++)
        {
            using var created = await emulator.PutJsonAsync(AccessTokensPath, JsonSerializer.Serialize(new { name = $"token-{index:D2}" }));
            await TestEmulator.ReadSuccessAsync(created, 201);
        }

        using var firstPage = await emulator.PostJsonAsync(AccessTokensPath);
        var (items, pages) = await emulator.ListAllAsync(AccessTokensPath, maxResults: 5);

        var first = await TestEmulator.ReadSuccessAsync(firstPage, 200);
        Assert.Equal(10, first.GetProperty("items").GetArrayLength());
        Assert.True(first.TryGetProperty("nextToken", out _));
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 12).Select(index => $"token-{index:D2}"), items.Select(item => item.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(0)]
    public async Task List_access_tokens_rejects_max_results_outside_1_to_10(int maxResults)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync(AccessTokensPath, $$"""{"maxResults":{{maxResults}}}""");

        Assert.Contains("maxResults", await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    [Fact]
    public async Task Delete_access_token_answers_an_empty_object_and_the_token_is_gone()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var created = await emulator.PutJsonAsync(AccessTokensPath, """{"name":"short-lived"}""");
        var id = (await TestEmulator.ReadSuccessAsync(created, 201)).GetProperty("accessTokenId").GetString()!;

        using var deleted = await emulator.DeleteAsync($"{AccessTokensPath}/{id}");
        using var again = await emulator.DeleteAsync($"{AccessTokensPath}/{id}");
        using var listed = await emulator.PostJsonAsync(AccessTokensPath);

        Assert.Empty(TestEmulator.MemberNames(await TestEmulator.ReadSuccessAsync(deleted, 200)));
        await TestEmulator.AssertErrorAsync(again, 404, "ResourceNotFoundException");
        Assert.Equal(0, (await TestEmulator.ReadSuccessAsync(listed, 200)).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"old","expiresTime":"2020-01-01T00:00:00Z"}""", "expiresTime")]
    [InlineData("""{"name":"bad","expiresTime":"next week"}""", "expiresTime")]
    public async Task Create_access_token_rejects_a_missing_name_or_an_expiry_not_in_the_future(string body, string expectedInMessage)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutJsonAsync(AccessTokensPath, body);

        Assert.Contains(expectedInMessage, await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }

    [Fact]
    public async Task Delete_access_token_rejects_an_id_longer_than_36_characters()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.DeleteAsync($"{AccessTokensPath}/{new string('a', 37)}");

        Assert.Contains("id", await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }
}
