"""CDK entry: `cdk synth -c env=dev` builds that environment's stack; without `env`, all of them.

Environments live in cdk.json's context (`environments`); see cdk_app/config.py.
"""

import sys

from aws_cdk import App

from cdk_app.config import ConfigError
from cdk_app.stage import build_app


def main() -> None:
    app = App()
    try:
        build_app(app)
    except ConfigError as exc:
        sys.exit(f"cdk_app: {exc}")
    app.synth()


if __name__ == "__main__":
    main()
