from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by schools and the programme office, never by self sign-up."""

    def is_open_for_signup(self, request):
        return False
