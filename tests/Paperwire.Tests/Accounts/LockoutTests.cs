using System.Net;
using Paperwire.Tests.Community.Collections;

namespace Paperwire.Tests.Accounts;

/// <summary>Lockout guards the password against guessing; it is not a switch a stranger can use on someone's scripts.</summary>
public class LockoutTests
{
    [Fact]
    public async Task A_stranger_locking_an_account_with_wrong_passwords_leaves_its_API_tokens_working()
    {
        await using var app = await CommunityApp.StartAsync(Paperwire.Storage.DatabaseProvider.Sqlite);
        var ada = await TestUser.CreateAsync(app, "ada");

        using var stranger = new BrowserSession(app);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await stranger.SignInAsync("ada", "a wrong guess " + attempt);
        }

        using var owner = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.OK, (await owner.SignInAsync("ada", TestUser.Password)).Status); // locked: the right password is refused for now
        Assert.Equal(SignInFailure, (await owner.SignInAsync("ada", TestUser.Password)).FormErrors());

        using var vote = await ada.SendAsync(HttpMethod.Post, "/api/papers/2605.00001/upvote");
        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
    }

    private const string SignInFailure = Paperwire.Pages.Account.SignInModel.Failure;
}
