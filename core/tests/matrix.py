from core.testing.matrix import ALL, EVERYONE, Case, allow

everyone_json = {name: 200 for name in ALL}

MATRIX = {
    "healthz": [Case("database reachable", everyone_json)],
    "root": [Case("redirects to the dashboard", {name: 302 for name in ALL})],
    "account_login": [Case("login page; logged-in users are sent on", allow(302, who=EVERYONE, anon=200))],
    "account_logout": [Case("logout confirmation", allow(200, who=EVERYONE, anon=302))],
    "account_change_password": [Case("own password", allow(200, who=EVERYONE))],
    "accounts:settings": [Case("own settings", allow(200, who=EVERYONE))],
    "dashboard:home": [Case("role dashboard", allow(200, who=EVERYONE))],
    # The admin is the programme office's; everyone else is sent to its login.
    "admin:index": [Case("office only", allow(200, who={"bureau"}, denied=302))],
}
