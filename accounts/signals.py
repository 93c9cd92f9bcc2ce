from allauth.account.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs):
    request.session["preferred_language"] = user.preferred_language
