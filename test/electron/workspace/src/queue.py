def retry(n):
    delay = 2 ** n
    return delay
