namespace CodeCatalyst.Emulator.Tests;

public sealed class UserEndpointTests
{
    [Fact]
    public async Task Get_user_details_by_id_returns_every_member_of_the_model_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"/userDetails?id={SampleData.SignedInUserId}");

        var user = await TestEmulator.ReadSuccessAsync(response, 200);
        Assert.Equal(["displayName", "primaryEmail", "userId", "userName", "version"], TestEmulator.MemberNames(user));
        Assert.Equal((SampleData.SignedInUserId, SampleData.SignedInUserName, "Mary Major"),
            (user.GetProperty("userId").GetString(), user.GetProperty("userName").GetString(), user.GetProperty("displayName").GetString()));
        Assert.Equal("""{"email":"mary.major@example.com","verified":true}""", user.GetProperty("primaryEmail").GetRawText());
    }

    [Fact]
    public async Task Get_user_details_finds_a_user_by_name_regardless_of_case()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"/userDetails?userName={SampleData.OtherUserName.ToLowerInvariant()}");

        var user = await TestEmulator.ReadSuccessAsync(response, 200);
        Assert.Equal(SampleData.OtherUserId, user.GetProperty("userId").GetString());
        Assert.False(user.GetProperty("primaryEmail").GetProperty("verified").GetBoolean());
    }

    [Theory]
    [InlineData("/userDetails?userName=NoSuchUser")]
    [InlineData("/userDetails?id=00000000-0000-0000-0000-000000000000")]
    [InlineData($"/userDetails?id={SampleData.SignedInUserId}&userName={SampleData.OtherUserName}")]
    public async Task Get_user_details_of_an_unknown_user_is_not_found(string path)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync(path);

        await TestEmulator.AssertErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Theory]
    [InlineData("/userDetails", "userName")]
    [InlineData("/userDetails?userName=ab", "userName")]
    [InlineData("/userDetails?userName=no%20spaces", "userName")]
    public async Task Get_user_details_needs_a_valid_id_or_user_name(string path, string expectedInMessage)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync(path);

        Assert.Contains(expectedInMessage, await TestEmulator.AssertErrorAsync(response, 400, "ValidationException"));
    }
}
